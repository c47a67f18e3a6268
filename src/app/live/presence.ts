import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { PresenceInput, PresentPerson } from '../../contract/events.js';
import { rowsOf } from '../../db/database.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';
import { visibleTicket } from '../tickets/access.js';
import { PRESENCE_CHANNEL, type PresenceChange, readNotice } from './changes.js';

/** How long a sign of presence lasts: the web repeats it well within, so a closed tab fades out. */
export const PRESENCE_TTL_MS = 30_000;

const presenceNotice = z.object({
  ticketId: z.uuid(),
  organizationId: z.uuid(),
  agentId: z.uuid(),
  name: z.string(),
  state: z.enum(['viewing', 'typing', 'left']),
  at: z.iso.datetime(),
});
export type PresenceNotice = z.infer<typeof presenceNotice>;

export const readPresenceNotice = (payload: string): PresenceNotice | null =>
  readNotice(presenceNotice, payload);

/**
 * Says that a support person is viewing or typing on a request, or has left it, to every instance
 * (NOTIFY on PostgreSQL, in-process on PGlite). Presence is a passing sign, not a record: it is kept in
 * memory and fades unless repeated, so it goes by NOTIFY rather than through the outbox.
 */
export async function announcePresence(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: PresenceInput,
): Promise<PresenceNotice> {
  const person = requirePerson(actor);
  const ticket = await visibleTicket(ctx.db, person, ticketId);
  const notice: PresenceNotice = {
    ticketId: ticket.id,
    organizationId: ticket.organizationId,
    agentId: person.id,
    name: person.name,
    state: input.state,
    at: ctx.clock.now().toISOString(),
  };
  await rowsOf(ctx.db, sql`select pg_notify(${PRESENCE_CHANNEL}, ${JSON.stringify(notice)})`);
  return notice;
}

/** Who of support is on a request, for a reader of support who may see it. */
export async function presentOn(ctx: AppContext, actor: Actor, ticketId: string, board: PresenceBoard) {
  await visibleTicket(ctx.db, requirePerson(actor), ticketId);
  return board.people(ticketId);
}

/** Presence is support's: customers neither show nor see it. */
function requirePerson(actor: Actor): Extract<Actor, { type: 'agent' }> {
  if (actor.type !== 'agent') throw forbidden();
  return actor;
}

interface Presence {
  person: PresentPerson;
  organizationId: string;
  expiresAt: number;
}

/** Who is on which request, as this instance has heard, each until their sign fades. */
export class PresenceBoard {
  private readonly byTicket = new Map<string, Map<string, Presence>>();

  /**
   * Takes a notice; answers the request's new list when it changed who is there or what they do. A sign
   * lasts from when it was given, not from when it arrived: the same notice comes once from the route and
   * again, later, around the database, and the late copy must not keep a closed tab present.
   */
  apply(notice: PresenceNotice, nowMs: number): PresenceChange | null {
    const expiresAt = Date.parse(notice.at) + PRESENCE_TTL_MS;
    if (notice.state !== 'left' && expiresAt <= nowMs) return null;
    const present = this.byTicket.get(notice.ticketId) ?? new Map<string, Presence>();
    const before = present.get(notice.agentId);
    if (notice.state === 'left') {
      if (!before) return null;
      present.delete(notice.agentId);
    } else {
      const same = before?.person.state === notice.state;
      present.set(notice.agentId, {
        person: {
          agentId: notice.agentId,
          name: notice.name,
          state: notice.state,
          since: same && before ? before.person.since : notice.at,
        },
        organizationId: notice.organizationId,
        expiresAt: Math.max(expiresAt, before?.expiresAt ?? 0),
      });
      if (same) return null;
    }
    this.store(notice.ticketId, present);
    return this.changeOf(notice.ticketId, notice.organizationId);
  }

  /** Lets the signs nobody repeated fade; answers the requests whose list changed. */
  expire(nowMs: number): PresenceChange[] {
    const changed: PresenceChange[] = [];
    for (const [ticketId, present] of this.byTicket) {
      let organizationId: string | null = null;
      for (const [agentId, presence] of present) {
        if (presence.expiresAt > nowMs) continue;
        present.delete(agentId);
        organizationId = presence.organizationId;
      }
      if (organizationId === null) continue;
      this.store(ticketId, present);
      changed.push(this.changeOf(ticketId, organizationId));
    }
    return changed;
  }

  people(ticketId: string): PresentPerson[] {
    return [...(this.byTicket.get(ticketId)?.values() ?? [])]
      .map((presence) => presence.person)
      .sort((a, b) => a.since.localeCompare(b.since) || a.agentId.localeCompare(b.agentId));
  }

  private store(ticketId: string, present: Map<string, Presence>): void {
    if (present.size === 0) this.byTicket.delete(ticketId);
    else this.byTicket.set(ticketId, present);
  }

  private changeOf(ticketId: string, organizationId: string): PresenceChange {
    return { kind: 'presence', ticketId, organizationId, people: this.people(ticketId) };
  }
}
