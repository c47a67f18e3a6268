import { useQueryClient } from '@tanstack/react-query';
import { lazy, useEffect } from 'react';
import { useParams } from 'react-router';
import { useTicket } from '../api/hooks';
import { desk } from '../api/operations';
import { LoadingRows, ProblemAlert } from '../components/Feedback';

const TicketConsole = lazy(async () => ({
  default: (await import('../console/ticket/TicketConsole')).TicketConsole,
}));
const RequestPage = lazy(async () => ({ default: (await import('../portal/RequestPage')).RequestPage }));

/**
 * Opening a request reads its notices, and so does each change seen while it stays open (a notice of it
 * comes with the change): the bell counts only what is still to be seen.
 */
function useReadOnOpen(ticketId: string | undefined, seenAt: number) {
  const client = useQueryClient();
  useEffect(() => {
    if (!ticketId || seenAt === 0) return;
    desk
      .markNotificationsRead({ ticketId })
      .then(({ marked }) => {
        if (marked > 0) void client.invalidateQueries({ queryKey: ['notifications'] });
      })
      // The bell keeps the notices unread; nothing else depends on it.
      .catch(() => undefined);
  }, [client, ticketId, seenAt]);
}

/** One address for a request, whoever opens it: customers get the portal view, support the console. */
export function TicketRoute() {
  const { ticketId } = useParams();
  const ticket = useTicket(ticketId);
  useReadOnOpen(ticket.data?.id, ticket.dataUpdatedAt);
  if (ticket.isPending) return <LoadingRows rows={8} height={48} />;
  if (ticket.isError) return <ProblemAlert error={ticket.error} onRetry={() => ticket.refetch()} />;
  // The server says which view the reader gets: support's, or the customer's without support's own fields.
  return ticket.data.view === 'support' ? (
    <TicketConsole ticket={ticket.data} fetchedAt={ticket.dataUpdatedAt} />
  ) : (
    <RequestPage ticket={ticket.data} fetchedAt={ticket.dataUpdatedAt} />
  );
}
