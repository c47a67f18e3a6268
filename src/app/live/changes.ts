import { z } from 'zod';
import type { PresentPerson } from '../../contract/events.js';

/** The channel the database announces committed changes on (migration 0014). */
export const CHANGES_CHANNEL = 'supportdesk_changes';
/** The channel support's presence on a request goes around on, between instances. */
export const PRESENCE_CHANNEL = 'supportdesk_presence';

/** A committed change as the database's triggers announce it. */
const databaseChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ticket'), ticketId: z.uuid(), organizationId: z.uuid() }),
  z.object({
    kind: z.literal('message'),
    ticketId: z.uuid(),
    organizationId: z.uuid(),
    visibility: z.enum(['public', 'internal']),
  }),
  z.object({
    kind: z.literal('notification'),
    ticketId: z.uuid().nullable(),
    recipientType: z.string(),
    recipientId: z.uuid(),
  }),
]);

/** Who is on a request now, after one of them came, typed or left. */
export interface PresenceChange {
  kind: 'presence';
  ticketId: string;
  organizationId: string;
  people: PresentPerson[];
}

export type LiveChange = z.infer<typeof databaseChange> | PresenceChange;

/** A notice read off a channel by its schema, or null for one this version does not know. */
export function readNotice<T>(schema: z.ZodType<T>, payload: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A change read off the channel, or null for a payload this version does not know (logged by the caller). */
export const readDatabaseChange = (payload: string): LiveChange | null => readNotice(databaseChange, payload);
