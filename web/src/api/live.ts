import type { LiveEvent } from '@contract/events';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

/** Changes coming in a burst (a sweep, a split) refresh the page once. */
const COALESCE_MS = 150;

let feedOpen = false;

/** Whether the live feed is up: the lists poll only while it is not. */
export const liveFeedOpen = () => feedOpen;

/**
 * The signed-in person's live feed (GET /api/v1/events): each change they may see refreshes the lists
 * and the request on screen, each notice their bell, each sign of presence the request page. The
 * browser's EventSource reconnects by itself and names the last event it had, so the server sends what
 * was missed, or `resync` when it cannot: then everything on screen is fetched again.
 */
export function useLiveFeed(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    const refresh = coalescedRefresh(client);
    const on = <T extends LiveEvent['type']>(
      type: T,
      handle: (event: Extract<LiveEvent, { type: T }>) => void,
    ) =>
      source.addEventListener(type, (message) => handle(JSON.parse((message as MessageEvent<string>).data)));
    source.onopen = () => {
      feedOpen = true;
      // Who is on a request may have changed between the page's first reads and the feed's opening.
      void client.invalidateQueries({ queryKey: ['presence'] });
    };
    source.onerror = () => {
      feedOpen = false;
    };
    // A request's change moves the lists, the request's page, its customer's context and the views' counts.
    on('ticket.changed', () => refresh(['tickets'], ['ticket'], ['customer-context'], ['views']));
    on('message.added', () => refresh(['tickets'], ['ticket']));
    // A notice refreshes the bell, and the request on screen, whose page then reads the notices it has.
    on('notification.changed', () => refresh(['notifications'], ['ticket']));
    // Read again rather than taken from the event: an answer to a read begun earlier must not win over it.
    on(
      'presence.changed',
      (event) => void client.invalidateQueries({ queryKey: ['presence', event.ticketId] }),
    );
    on('resync', () => void client.invalidateQueries());
    return () => {
      source.close();
      feedOpen = false;
    };
  }, [client]);
}

function coalescedRefresh(client: QueryClient) {
  const pending = new Map<string, unknown[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (...queryKeys: unknown[][]) => {
    for (const queryKey of queryKeys) pending.set(JSON.stringify(queryKey), queryKey);
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      for (const queryKey of pending.values()) void client.invalidateQueries({ queryKey });
      pending.clear();
    }, COALESCE_MS);
  };
}
