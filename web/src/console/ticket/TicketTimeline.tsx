import type { HistoryEvent, SupportTicketDetail } from '@contract/tickets';
import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgents } from '../../api/hooks';
import { MessageCard } from '../../components/Conversation';
import { moscowDateTime } from '../../format';

/** Messages and changes in one line of time, oldest first. */
export function TicketTimeline({ ticket }: { ticket: SupportTicketDetail }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const agentName = (agentId: unknown) =>
    agents.data?.find((agent) => agent.id === agentId)?.name ?? t('console.someone');
  const describe = (event: HistoryEvent) => describeChange(event.before, event.after, t, agentName);
  const changes = ticket.history
    .filter((event) => event.action === 'create' || event.action === 'import' || describe(event))
    .map((event) => ({ at: event.at, kind: 'change' as const, event }));
  const messages = ticket.messages.map((message) => ({
    at: message.createdAt,
    kind: 'message' as const,
    message,
  }));
  const items = [...changes, ...messages].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.kind === 'change' ? -1 : 1,
  );
  return (
    <Timeline bulletSize={14} lineWidth={2}>
      {items.map((item) =>
        item.kind === 'message' ? (
          <Timeline.Item key={`m${item.message.id}`}>
            <MessageCard message={item.message} />
          </Timeline.Item>
        ) : (
          <Timeline.Item key={`c${item.at}${item.event.actor}`} color="gray">
            <Text size="sm" data-testid="history-event">
              {item.event.action === 'create'
                ? t('console.created')
                : item.event.action === 'import'
                  ? t('console.imported', {
                      desk: t(`desks.${String(item.event.after?.importedFrom)}`, {
                        defaultValue: String(item.event.after?.importedFrom),
                      }),
                    })
                  : describe(item.event)}
            </Text>
            <Text size="xs" c="dimmed">
              {moscowDateTime(item.at)} · {item.event.actor}
              {typeof item.event.after?.reason === 'string' ? ` · ${item.event.after.reason}` : ''}
            </Text>
          </Timeline.Item>
        ),
      )}
    </Timeline>
  );
}

function describeChange(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  t: (key: string, options?: Record<string, unknown>) => string,
  agentName: (agentId: unknown) => string,
): string | null {
  if (!after) return null;
  const parts: string[] = [];
  if (typeof after.severity === 'string' && typeof before?.severity === 'string') {
    parts.push(
      t('console.severityChanged', {
        from: t(`severities.${before.severity}`),
        to: t(`severities.${after.severity}`),
      }),
    );
  }
  if (typeof after.status === 'string' && typeof before?.status === 'string') {
    parts.push(
      t('console.statusChanged', { from: t(`statuses.${before.status}`), to: t(`statuses.${after.status}`) }),
    );
  }
  if ('assigneeId' in after)
    parts.push(
      after.assigneeId
        ? t('console.assigned', { name: agentName(after.assigneeId) })
        : t('console.unassignedNow'),
    );
  return parts.length ? parts.join('; ') : null;
}
