import type { BulkResult, FoundTicket } from '@contract/tickets';
import { Alert, Button, Group, List, Paper, Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useMacros, useTags } from '../../api/hooks';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';
import { TextAreaField } from '../../components/FormFields';

type Action = NonNullable<Parameters<typeof desk.bulkUpdateTickets>[0]['action']>;

/**
 * One change to the selected requests: each is changed on its own at the version the list showed, and
 * the answer names the ones that were not changed and why.
 */
export function BulkBar({ tickets, onDone }: { tickets: FoundTicket[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const agents = useAgents();
  const tags = useTags();
  const macros = useMacros();
  const [status, setStatus] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const run = useMutation({
    mutationFn: (action: Action) =>
      desk.bulkUpdateTickets({ tickets: tickets.map(({ id, version }) => ({ id, version })), action }),
    onSuccess: (answer) => {
      setResult(answer);
      setStatus(null);
      setBody('');
      void client.invalidateQueries({ queryKey: ['tickets'] });
      void client.invalidateQueries({ queryKey: ['views'] });
      onDone();
    },
  });
  const numberOf = (ticketId: string) =>
    result?.results.find((item) => item.ticketId === ticketId)?.ticket?.number;
  const known = new Map(tickets.map((ticket) => [ticket.id, ticket.number]));
  return (
    <>
      {result ? (
        <Alert
          color={result.failed ? 'orange' : 'green'}
          withCloseButton
          onClose={() => setResult(null)}
          data-testid="bulk-result"
        >
          <Text size="sm">{t('tools.bulkDone', { changed: result.changed, failed: result.failed })}</Text>
          {result.failed ? (
            <List size="sm">
              {result.results
                .filter((item) => !item.ok)
                .map((item) => (
                  <List.Item key={item.ticketId}>
                    {numberOf(item.ticketId) ?? known.get(item.ticketId) ?? item.ticketId}: {item.message}
                  </List.Item>
                ))}
            </List>
          ) : null}
        </Alert>
      ) : null}
      {tickets.length > 0 ? (
        <Paper withBorder p="xs" data-testid="bulk-bar">
          <Group gap="sm" align="flex-end">
            <Text size="sm" fw={600}>
              {t('tools.selected', { count: tickets.length })}
            </Text>
            <Select
              aria-label={t('tools.bulkAssign')}
              placeholder={t('tools.bulkAssign')}
              data={[
                { value: 'none', label: t('console.unassigned') },
                ...(agents.data ?? []).map((agent) => ({ value: agent.id, label: agent.name })),
              ]}
              value={null}
              onChange={(value) =>
                value && run.mutate({ kind: 'assign', assigneeId: value === 'none' ? null : value })
              }
              w={200}
            />
            <Select
              aria-label={t('tools.bulkTag')}
              placeholder={t('tools.bulkTag')}
              data={(tags.data ?? []).map((tag) => ({ value: tag.id, label: tag.name }))}
              value={null}
              onChange={(value) => value && run.mutate({ kind: 'tag', tagIds: [value] })}
              w={180}
            />
            <Select
              aria-label={t('tools.bulkMacro')}
              placeholder={t('tools.bulkMacro')}
              data={(macros.data ?? []).map((macro) => ({ value: macro.id, label: macro.title }))}
              value={null}
              onChange={(value) => value && run.mutate({ kind: 'macro', macroId: value })}
              searchable
              w={220}
            />
            <Select
              aria-label={t('tools.bulkStatus')}
              placeholder={t('tools.bulkStatus')}
              data={(['in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const).map((value) => ({
                value,
                label: t(`statuses.${value}`),
              }))}
              value={status}
              onChange={setStatus}
              w={200}
            />
            {status ? (
              <>
                <TextAreaField
                  label={t('tools.bulkReply')}
                  value={body}
                  onChange={setBody}
                  minRows={1}
                  w={320}
                />
                <Button
                  onClick={() => run.mutate({ kind: 'status', status: status as 'in_progress', body })}
                  loading={run.isPending}
                >
                  {t('tools.bulkApply')}
                </Button>
              </>
            ) : null}
          </Group>
          {run.error ? <ProblemAlert error={run.error} /> : null}
        </Paper>
      ) : null}
    </>
  );
}
