import { z } from 'zod';
import { CLOCK_KINDS } from '../domain/calendar/intervalClock.js';
import { DAY_TYPES } from '../domain/calendar/productionCalendar.js';
import { LEVELS } from '../domain/entitlement/entitlement.js';
import { SEVERITIES } from '../domain/sla/policy.js';
import { LANGUAGES } from '../i18n/messages.js';
import { AGENT_ROLES } from './actor.js';

/**
 * The inputs of the use cases, shared by every channel (HTTP, CLI, demo loader) so that they all
 * refuse the same things the same way. Messages that are i18n keys are translated by the channel.
 */
const text = (max: number) => z.string().trim().min(1, { error: 'validation.not_blank' }).max(max);

export const id = z.uuid();
export const calendarDate = z.iso.date().describe('A Moscow calendar day, YYYY-MM-DD');
export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());
export const phone = z
  .string()
  .trim()
  .regex(/^\+[1-9]\d{6,14}$/, { error: 'validation.phone_e164' })
  .describe('E.164, e.g. +74951234567');
export const password = z.string().min(12, { error: 'validation.password_length' }).max(256, {
  error: 'validation.password_length',
});
export const level = z.enum(LEVELS);
export const language = z.enum(LANGUAGES);
export const environment = z.enum(['production', 'test', 'development']);
export const agentRole = z.enum(AGENT_ROLES);

export const productInput = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { error: 'validation.product_code' })
    .transform((value) => value.toUpperCase()),
  name: text(200),
  description: z.string().trim().max(4000).default(''),
});
export type ProductInput = z.infer<typeof productInput>;

export const organizationInput = z.object({
  name: text(300),
  inn: z
    .string()
    .regex(/^(\d{10}|\d{12})$/, { error: 'validation.inn' })
    .nullish()
    .transform((value) => value ?? null),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const licenseInput = z.object({
  number: text(64),
  productIds: z.array(id).min(1).max(100),
  validFrom: calendarDate,
  validTo: calendarDate
    .nullish()
    .transform((value) => value ?? null)
    .describe('Empty for a perpetual license'),
});
export type LicenseInput = z.infer<typeof licenseInput>;

export const instanceInput = z.object({
  productId: id,
  name: text(200),
  environment,
  version: text(64),
});
export type InstanceInput = z.infer<typeof instanceInput>;

const certificateTerms = z.object({
  level,
  validFrom: calendarDate,
  validTo: calendarDate,
  maxInstances: z.int().min(1).max(10_000),
  instanceIds: z
    .array(id)
    .max(10_000)
    .describe('The instances the certificate names; replaces the whole set'),
});

export const certificateInput = certificateTerms.extend({
  number: text(64),
  instanceIds: certificateTerms.shape.instanceIds.default([]),
});
export type CertificateInput = z.infer<typeof certificateInput>;

/** Without defaults: a field left out of an update must stay as it is (Zod 4 fills defaults in optional fields). */
export const certificateUpdate = certificateTerms.partial().strict();
export type CertificateUpdate = z.infer<typeof certificateUpdate>;

export const contactInput = z.object({
  name: text(200),
  email,
  phone: phone.nullish().transform((value) => value ?? null),
  language: language.default('ru'),
  active: z.boolean().default(true),
  password: password.optional().describe('Lets the contact sign in to the portal'),
});
export type ContactInput = z.infer<typeof contactInput>;

export const contactUpdate = z
  .object({
    name: text(200),
    email,
    phone: phone.nullable(),
    language,
    active: z.boolean(),
    password,
  })
  .partial()
  .strict();
export type ContactUpdate = z.infer<typeof contactUpdate>;

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

export const agentInput = z.object({
  name: text(200),
  email,
  role: agentRole,
  language: language.default('ru'),
  password,
});
export type AgentInput = z.infer<typeof agentInput>;

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(256),
});

export const severity = z.enum(SEVERITIES);

export const deadlineInput = z.object({
  level,
  severity,
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Registration instant, ISO 8601 with offset; now when absent'),
  explain: z.boolean().default(false),
});
export type DeadlineInput = z.infer<typeof deadlineInput>;

const calendarDay = z
  .object({
    date: calendarDate,
    type: z.enum(DAY_TYPES),
    name: z.string().max(200).optional(),
    nameEn: z.string().max(200).optional(),
    transferredFrom: calendarDate.optional(),
    transferredTo: calendarDate.optional(),
  })
  .strict();

/** A production-calendar file, in the format the desk ships (src/domain/calendar/data). */
export const calendarFileInput = z.object({
  country: z.string().max(8).optional(),
  timezone: z.string().max(64).optional(),
  about: z.string().max(4000).optional(),
  source: z.string().max(4000).optional(),
  years: z
    .record(
      z.string().regex(/^(19|20|21)\d{2}$/, { error: 'validation.calendar_year' }),
      z.object({
        publishedOn: z.string().max(32).optional(),
        sourceCommit: z.string().max(64).optional(),
        days: z.array(calendarDay).max(366),
      }),
    )
    .refine((years) => Object.keys(years).length > 0, { error: 'validation.calendar_years_empty' }),
});
export type CalendarFileInput = z.infer<typeof calendarFileInput>;

export const calendarOverrideInput = z.object({
  type: z
    .enum(DAY_TYPES)
    .describe('holiday or dayOff: not worked; workday: worked in full; short: worked, shortened'),
  name: z.string().trim().max(200).optional(),
});
export type CalendarOverrideInput = z.infer<typeof calendarOverrideInput>;

export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'validation.month' });

const policyDuration = z.union([
  z.object({ clock: z.enum(CLOCK_KINDS), hours: z.number().positive().max(10_000) }).strict(),
  z.object({ clock: z.literal('business'), workingDays: z.number().positive().max(1_000) }).strict(),
]);
const severityMatrix = z.object({
  critical: policyDuration,
  high: policyDuration,
  medium: policyDuration,
  low: policyDuration,
});

export const policyInput = z.object({
  name: text(300),
  effectiveFrom: calendarDate,
  workingDayHours: z.number().positive().max(24).default(9),
  response: z.object({ standard: severityMatrix, extended: severityMatrix }),
  autoClose: policyDuration,
  channels: z.object({
    portal: z.enum(['always', ...CLOCK_KINDS]),
    email: z.enum(['always', ...CLOCK_KINDS]),
    telegram: z.enum(['always', ...CLOCK_KINDS]),
    api: z.enum(['always', ...CLOCK_KINDS]),
  }),
});
export type PolicyInput = z.infer<typeof policyInput>;
