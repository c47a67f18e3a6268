/**
 * The entitlement check: may this contact file a request about this instance now, and why not.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { ENTITLEMENT_REFUSALS } from '../domain/entitlement/entitlement.js';
import { calendarDate, email, id, instant, level } from './fields.js';

export const entitlementCheckInput = z.object({
  contactId: id.optional(),
  contactEmail: email.optional(),
  instanceId: id,
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('The instant to decide for, ISO 8601 with offset; now when absent'),
});
export type EntitlementCheckInput = z.infer<typeof entitlementCheckInput>;

export const entitlementDecisionSchema = z
  .object({
    allowed: z.boolean(),
    reason: z.enum(ENTITLEMENT_REFUSALS).nullable(),
    message: z.string().describe("The decision explained in the reader's language"),
    level: level.nullable(),
    certificate: z
      .object({ id, number: z.string(), level, validFrom: calendarDate, validTo: calendarDate })
      .nullable(),
    license: z
      .object({ id, number: z.string(), validFrom: calendarDate, validTo: calendarDate.nullable() })
      .nullable(),
    contactId: id.nullable(),
    instanceId: id,
    at: instant,
  })
  .meta({ id: 'EntitlementDecision' });
export type EntitlementDecision = z.output<typeof entitlementDecisionSchema>;
