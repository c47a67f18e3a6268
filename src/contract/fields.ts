/**
 * The building blocks of the contract: identifiers, instants, days, and the enums of the domain.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { CLOCK_KINDS } from '../domain/calendar/intervalClock.js';
import { LEVELS } from '../domain/entitlement/entitlement.js';
import { VALIDITY_STATUSES } from '../domain/entitlement/period.js';
import { AGENT_ROLES, ENVIRONMENTS, LANGUAGES } from '../domain/people.js';
import { CHANNELS, SEVERITIES } from '../domain/sla/policy.js';
import { CATEGORIES, STATUSES, VISIBILITIES } from '../domain/tickets/lifecycle.js';
import { writtenPhoneToE164 } from './phone.js';

export const text = (max: number) => z.string().trim().min(1, { error: 'validation.not_blank' }).max(max);

export const id = z.uuid();
export const calendarDate = z.iso.date().describe('A Moscow calendar day, YYYY-MM-DD');
export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
export const phone = z
  .string()
  .trim()
  .transform((value, context) => {
    const e164 = writtenPhoneToE164(value);
    if (e164) return e164;
    context.issues.push({
      code: 'invalid_format',
      format: 'e164',
      input: value,
      message: 'validation.phone',
    });
    return z.NEVER;
  })
  .describe('As people write it (+7 912 345-67-89, 8 (495) 123-45-67); kept as E.164: +79123456789');
export const password = z.string().min(12, { error: 'validation.password_length' }).max(256, {
  error: 'validation.password_length',
});
export const level = z.enum(LEVELS);
export const language = z.enum(LANGUAGES);
export const environment = z.enum(ENVIRONMENTS);
export const agentRole = z.enum(AGENT_ROLES);

export const severity = z.enum(SEVERITIES);

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'validation.month' });

export const category = z.enum(CATEGORIES);
export const status = z.enum(STATUSES);
export const channel = z.enum(CHANNELS);
export const visibility = z.enum(VISIBILITIES);
export const clockKind = z.enum(CLOCK_KINDS);

export const instant = z.iso.datetime().describe('ISO 8601 instant in UTC');

/** Whether a license or certificate is in force on the day asked about. */
export const validityStatus = z.enum(VALIDITY_STATUSES);

export const version = z
  .int()
  .positive()
  .describe('The version of the request the caller saw; a newer one answers 409');
