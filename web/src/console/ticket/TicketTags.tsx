import type { SupportTicketDetail } from '@contract/tickets';
import { CloseButton, Group, Select } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTags } from '../../api/hooks';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';
import { TagBadges } from '../../components/RequestTable';

/** The request's tags, each removable, and the list administrators keep to add from. */
export function TicketTags({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const tags = useTags();
  const change = useMutation({
    mutationFn: (change: { add?: string; remove?: string }) =>
      change.add ? desk.tagTicket(ticket.id, [change.add]) : desk.untagTicket(ticket.id, change.remove ?? ''),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  if (!ticket.allowedActions.includes('tag')) return <TagBadges tags={ticket.tags} />;
  const carried = new Set(ticket.tags.map((tag) => tag.id));
  return (
    <Group gap="xs" data-testid="ticket-tags">
      <TagBadges tags={ticket.tags}>
        {(tagId) => (
          <CloseButton
            size="xs"
            aria-label={t('tools.removeTag')}
            onClick={() => change.mutate({ remove: tagId })}
          />
        )}
      </TagBadges>
      <Select
        size="xs"
        aria-label={t('tools.addTag')}
        placeholder={t('tools.addTag')}
        data={(tags.data ?? [])
          .filter((tag) => !carried.has(tag.id))
          .map((tag) => ({ value: tag.id, label: tag.name }))}
        value={null}
        onChange={(value) => value && change.mutate({ add: value })}
        searchable
        w={160}
      />
      {change.error ? <ProblemAlert error={change.error} /> : null}
    </Group>
  );
}
