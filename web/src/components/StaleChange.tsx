import type { TicketDetail } from '@contract/tickets';
import { Alert, Button, Group, List, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/client';
import { moscowDateTime } from '../format';

/** The server refused a change made on a version of the request the reader had not seen the end of. */
export const isStaleChange = (error: unknown): boolean =>
  error instanceof ApiProblem && error.code === 'ticket_changed';

/**
 * The request as the reader saw it when they began a change (typing a reply, opening a dialog): the
 * change is sent on that version, so the server refuses it when someone changed the request since.
 * `acceptLatest` takes the request as it is now, once the reader has seen what changed.
 */
export function useSeenTicket<Ticket extends TicketDetail | undefined>(ticket: Ticket, active: boolean) {
  const [seen, setSeen] = useState<Ticket | null>(null);
  useEffect(() => {
    if (!active) setSeen(null);
    else setSeen((earlier) => earlier ?? ticket);
  }, [active, ticket]);
  const base = (seen ?? ticket) as Ticket;
  return { seen: base, version: base?.version, acceptLatest: () => setSeen(ticket) };
}

/**
 * What changed on the request since the reader began: new messages, status, severity, assignee. The
 * reader chooses to go ahead on top of it or to look first; nothing they wrote is dropped either way.
 */
export function ChangedSince({
  before,
  after,
  proceedLabel,
  onProceed,
  onReview,
  assigneeName,
}: {
  before: TicketDetail;
  after: TicketDetail;
  proceedLabel: string;
  onProceed: () => void;
  onReview: () => void;
  assigneeName?: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const known = new Set(before.messages.map((message) => message.id));
  const added = after.messages.filter((message) => !known.has(message.id));
  const changes: string[] = [];
  if (before.status !== after.status)
    changes.push(
      t('stale.status', { from: t(`statuses.${before.status}`), to: t(`statuses.${after.status}`) }),
    );
  if (before.severity !== after.severity)
    changes.push(
      t('stale.severity', {
        from: t(`severities.${before.severity}`),
        to: t(`severities.${after.severity}`),
      }),
    );
  if (
    before.view === 'support' &&
    after.view === 'support' &&
    before.assigneeId !== after.assigneeId &&
    assigneeName
  )
    changes.push(t('stale.assignee', { to: assigneeName(after.assigneeId) }));
  return (
    <Alert color="orange" title={t('stale.title')} data-testid="stale-change">
      {added.length + changes.length === 0 ? <Text size="sm">{t('stale.unspecified')}</Text> : null}
      <List size="sm" spacing={4}>
        {added.map((message) => (
          <List.Item key={message.id}>
            <Text size="sm" fw={500} span>
              {t(message.visibility === 'internal' ? 'stale.note' : 'stale.message', {
                author: message.authorName,
                at: moscowDateTime(message.createdAt),
              })}
            </Text>{' '}
            <Text size="sm" span lineClamp={3}>
              {message.body}
            </Text>
          </List.Item>
        ))}
        {changes.map((change) => (
          <List.Item key={change}>{change}</List.Item>
        ))}
      </List>
      <Group mt="sm" gap="xs">
        <Button size="xs" color="orange" onClick={onProceed}>
          {proceedLabel}
        </Button>
        <Button size="xs" variant="default" onClick={onReview}>
          {t('stale.review')}
        </Button>
      </Group>
    </Alert>
  );
}
