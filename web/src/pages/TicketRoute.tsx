import { lazy } from 'react';
import { useParams } from 'react-router';
import { useTicket } from '../api/hooks';
import { LoadingRows, ProblemAlert } from '../components/Feedback';
import { isSupport, useSignedIn } from '../session';

const TicketConsole = lazy(async () => ({
  default: (await import('../console/ticket/TicketConsole')).TicketConsole,
}));
const RequestPage = lazy(async () => ({ default: (await import('../portal/RequestPage')).RequestPage }));

/** One address for a request, whoever opens it: customers get the portal view, support the console. */
export function TicketRoute() {
  const { ticketId } = useParams();
  const principal = useSignedIn();
  const ticket = useTicket(ticketId);
  if (ticket.isPending) return <LoadingRows rows={8} height={48} />;
  if (ticket.isError) return <ProblemAlert error={ticket.error} onRetry={() => ticket.refetch()} />;
  return isSupport(principal) ? (
    <TicketConsole ticket={ticket.data} fetchedAt={ticket.dataUpdatedAt} />
  ) : (
    <RequestPage ticket={ticket.data} fetchedAt={ticket.dataUpdatedAt} />
  );
}
