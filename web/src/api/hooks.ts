import { TICKET_NUMBER_PATTERN } from '@contract/constants';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
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

/**
 * What selects the requests of a list, as the API reads it (status, severity, organizationId, assigneeId,
 * breached, awaiting, tag, q, sort, direction); a search lists the best match first.
 */
export type TicketFilter = Record<string, string | readonly string[] | null | undefined>;

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
const ticketQuery = (ticketId: string | undefined) => ({
  queryKey: ['ticket', ticketId],
  queryFn: () =>
    TICKET_NUMBER_PATTERN.test(ticketId ?? '')
      ? desk.getTicketByNumber(ticketId ?? '')
      : desk.getTicket(ticketId ?? ''),
});

export const useTicket = (ticketId: string | undefined) =>
  useQuery({
    ...ticketQuery(ticketId),
    enabled: Boolean(ticketId),
    refetchInterval: pollUnlessLive,
    retry: (count, error) => (error as { status?: number }).status !== 404 && count < 2,
  });

/** How long the pointer rests on a request's link before its page is fetched: passing over costs nothing. */
const INTENT_MS = 80;

/**
 * Handlers for a link to a request that fetch its page when the reader is about to open it: the pointer
 * resting on it, pressed on it, or the keyboard on it. By the click the answer is on its way or in.
 */
export function useOpenIntent(ticketId: string) {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fetchNow = () => {
    clearTimeout(timer.current);
    void client.prefetchQuery(ticketQuery(ticketId));
  };
  return {
    onPointerEnter: () => {
      timer.current = setTimeout(fetchNow, INTENT_MS);
    },
    onPointerLeave: () => clearTimeout(timer.current),
    onPointerDown: fetchNow,
    onFocus: fetchNow,
  };
}

export const useTags = (enabled = true) =>
  useQuery({ queryKey: ['tags'], queryFn: () => desk.listTags(), enabled, staleTime: 60_000 });

export const useMacros = (enabled = true) =>
  useQuery({ queryKey: ['macros'], queryFn: () => desk.listMacros(), enabled });

/** The saved views with their counts, kept fresh as the queue is. */
export const useViews = (enabled = true) =>
  useQuery({
    queryKey: ['views'],
    queryFn: () => desk.listViews(),
    enabled,
    refetchInterval: pollUnlessLive,
  });
