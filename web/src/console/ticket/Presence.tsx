import type { PresentPerson } from '@contract/events';
import { Badge, Group } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { desk } from '../../api/operations';
import { useSignedIn } from '../../session';

/** Repeated well within the server's 30 s, so a closed tab fades out and an open one stays. */
const HEARTBEAT_MS = 15_000;
/** After this long without a keystroke the agent is viewing again, not typing. */
const TYPING_QUIET_MS = 5_000;

type State = 'viewing' | 'typing';

/**
 * Says that the agent is on this request, viewing or typing, for as long as the page is open, and
 * reads who else is (kept fresh by the live feed). `typing` is called on each keystroke.
 */
export function usePresence(ticketId: string) {
  const client = useQueryClient();
  const people = useQuery({
    queryKey: ['presence', ticketId],
    queryFn: () => desk.listPresence(ticketId),
  });
  const state = useRef<State>('viewing');
  const quiet = useRef<ReturnType<typeof setTimeout> | null>(null);
  const announce = useCallback(
    (next: State | 'left') =>
      desk
        .announcePresence(ticketId, { state: next })
        .then(() => {
          if (next !== 'left') void client.invalidateQueries({ queryKey: ['presence', ticketId] });
        })
        // A missed sign of presence is repeated by the next heartbeat; nothing to tell the agent.
        .catch(() => undefined),
    [client, ticketId],
  );
  useEffect(() => {
    state.current = 'viewing';
    void announce('viewing');
    const heartbeat = setInterval(() => void announce(state.current), HEARTBEAT_MS);
    return () => {
      clearInterval(heartbeat);
      if (quiet.current) clearTimeout(quiet.current);
      void announce('left');
    };
  }, [announce]);
  const typing = useCallback(() => {
    if (quiet.current) clearTimeout(quiet.current);
    quiet.current = setTimeout(() => {
      state.current = 'viewing';
      void announce('viewing');
    }, TYPING_QUIET_MS);
    if (state.current === 'typing') return;
    state.current = 'typing';
    void announce('typing');
  }, [announce]);
  return { people: people.data ?? [], typing };
}

/** Who else of support is on the request now. */
export function PresenceBar({ people }: { people: PresentPerson[] }) {
  const { t } = useTranslation();
  const me = useSignedIn();
  const others = people.filter((person) => person.agentId !== me.id);
  if (others.length === 0) return null;
  return (
    <Group gap="xs" data-testid="presence" aria-live="polite">
      {others.map((person) => (
        <Badge
          key={person.agentId}
          variant={person.state === 'typing' ? 'filled' : 'outline'}
          color="teal.9"
          data-state={person.state}
        >
          {t(`presence.${person.state}`, { name: person.name })}
        </Badge>
      ))}
    </Group>
  );
}
