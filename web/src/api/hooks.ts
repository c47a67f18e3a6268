import { type Status, TICKET_NUMBER_PATTERN } from '@contract/constants';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { liveFeedOpen } from './live';
import { desk } from './operations';

/** How often open screens refresh by themselves while the live feed is down. */
const LIVE_MS = 30_000;
/** While it is up, changes arrive by it; the slow refresh only moves requests on as time makes them due. */
const WITH_FEED_MS = 300_000;
const pollUnlessLive = () => (liveFeedOpen() ? WITH_FEED_MS : LIVE_MS);

export const useOrganization = (organizationId: string | null | undefined) =>
  useQuery({
    queryKey: ['organization', organizationId],
    queryFn: () => desk.getOrganization(organizationId ?? ''),
    enabled: Boolean(organizationId),
  });

export const useOrganizations = (enabled = true) =>
  useQuery({ queryKey: ['organizations'], queryFn: () => desk.listOrganizations(), enabled });

export const useAgents = (enabled = true) =>
  useQuery({ queryKey: ['agents'], queryFn: () => desk.listAgents(), enabled });

export const usePolicies = () =>
  useQuery({
    queryKey: ['policies'],
    queryFn: () => desk.listPolicyVersions(),
    staleTime: 600_000,
  });

export interface TicketFilter {
  status?: Status[];
  severity?: string[];
  organizationId?: string | null;
  assigneeId?: string | null;
  breached?: 'true' | null;
  awaiting?: 'true' | null;
  /** A search: the list comes best match first, each request with what it matched. */
  q?: string;
}

/** A list of tickets a page at a time (the API's cursor), all loaded pages refreshed together. */
export const useTicketPages = (filter: TicketFilter) =>
  useInfiniteQuery({
    queryKey: ['tickets', filter],
    queryFn: ({ pageParam }) => desk.listTickets(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: pollUnlessLive,
  });

/** A request by its id or by its number (SD-2026-00001), as its address names it. */
export const useTicket = (ticketId: string | undefined) =>
  useQuery({
    queryKey: ['ticket', ticketId],
    queryFn: () =>
      TICKET_NUMBER_PATTERN.test(ticketId ?? '')
        ? desk.getTicketByNumber(ticketId ?? '')
        : desk.getTicket(ticketId ?? ''),
    enabled: Boolean(ticketId),
    refetchInterval: pollUnlessLive,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });
