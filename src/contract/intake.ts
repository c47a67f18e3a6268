/**
 * The intake log: requests refused at the door, and how an administrator settles each one.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { SUBJECT_MAX_LENGTH } from '../domain/tickets/limits.js';
import { channel, id, instant, severity, text } from './fields.js';

export const intakeRejectionSchema = z
  .object({
    id,
    at: instant,
    channel,
    reason: z.string(),
    contactId: id.nullable(),
    sender: z.string().nullable(),
    organizationId: id.nullable(),
    instanceId: id.nullable(),
    severity: z.string().nullable(),
    subject: z.string().nullable(),
    description: z.string().nullable(),
    settlement: z
      .object({
        kind: z.enum(['registered', 'contact_added']),
        at: instant,
        by: z.string(),
        ticket: z.object({ id, number: z.string() }).nullable(),
        contactId: id.nullable(),
      })
      .nullable()
      .describe('How an administrator settled it, once settled'),
  })
  .meta({ id: 'IntakeRejection' });

/** Registers a refused request for a known contact (its sender's other address, say). */
export const rejectionRegistrationInput = z
  .object({
    contactId: id,
    instanceId: id,
    severity,
    subject: text(SUBJECT_MAX_LENGTH).optional().describe('By default the subject as it came'),
  })
  .strict();
export type RejectionRegistrationInput = z.infer<typeof rejectionRegistrationInput>;

/** Adds a refused sender as a contact of an organization, under the usual rules for contacts. */
export const rejectionContactInput = z.object({ organizationId: id, name: text(200) }).strict();
export type RejectionContactInput = z.infer<typeof rejectionContactInput>;

export type IntakeRejection = z.output<typeof intakeRejectionSchema>;
