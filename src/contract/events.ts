/**
 * The live feed a signed-in person reads (GET /api/v1/events, server-sent events): what changed, for
 * the reader to fetch again through the API, never the data itself, so that an event can say no more
 * than the reader may see. Shared by the server's routes and by the web.
 */
import { z } from 'zod';
import { id, instant } from './fields.js';

export const PRESENCE_STATES = ['viewing', 'typing'] as const;
export const presenceState = z.enum(PRESENCE_STATES);

export const presenceInput = z.object({
  state: z
    .enum([...PRESENCE_STATES, 'left'])
    .describe('What the caller does on the request now; "left" when they close it'),
});
export type PresenceInput = z.infer<typeof presenceInput>;

export const presentPersonSchema = z
  .object({
    agentId: id,
    name: z.string(),
    state: presenceState,
    since: instant,
  })
  .meta({ id: 'PresentPerson' });
export type PresentPerson = z.output<typeof presentPersonSchema>;

export const liveEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ticket.changed'), ticketId: id }),
    z.object({ type: z.literal('message.added'), ticketId: id }),
    z.object({ type: z.literal('notification.changed'), ticketId: id.nullable() }),
    z.object({ type: z.literal('presence.changed'), ticketId: id, people: z.array(presentPersonSchema) }),
    z
      .object({ type: z.literal('resync') })
      .describe('Events were missed (the stream resumed on another instance, or too late): fetch again'),
  ])
  .meta({ id: 'LiveEvent' });
export type LiveEvent = z.output<typeof liveEventSchema>;
