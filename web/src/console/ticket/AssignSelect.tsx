import type { SupportTicketDetail } from '@contract/tickets';
import { Select, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/hooks';
import { desk } from '../../api/operations';
import { ProblemAlert } from '../../components/Feedback';

export function AssignSelect({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const agents = useAgents();
  const assign = useMutation({
    // Made on the version on screen: the agent picks an assignee looking at the request as it is.
    mutationFn: (assigneeId: string | null) => desk.assignTicket(ticket.id, { assigneeId }, ticket.version),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['ticket'] });
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
  });
  return (
    <Stack gap={2}>
      <Select
        aria-label={t('console.assignee')}
        placeholder={t('console.unassigned')}
        data={(agents.data ?? [])
          .filter((agent) => agent.active)
          .map((agent) => ({ value: agent.id, label: agent.name }))}
        value={ticket.assigneeId}
        onChange={(value) => assign.mutate(value)}
        clearable
        w={220}
        disabled={!ticket.allowedActions.includes('assign')}
      />
      {assign.error ? <ProblemAlert error={assign.error} /> : null}
    </Stack>
  );
}
