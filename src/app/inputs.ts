import { z } from 'zod';
import { CLOCK_KINDS } from '../domain/calendar/intervalClock.js';
import { DAY_TYPES } from '../domain/calendar/productionCalendar.js';
import { LEVELS } from '../domain/entitlement/entitlement.js';
import { SEVERITIES } from '../domain/sla/policy.js';
import { CATEGORIES, STATUSES } from '../domain/tickets/lifecycle.js';
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

export const profileInput = z.object({ language });
export type ProfileInput = z.infer<typeof profileInput>;

export const passwordChangeInput = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: password,
});
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

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

export const category = z.enum(CATEGORIES);

export const ticketInput = z.object({
  instanceId: id,
  severity,
  category: category.default('problem'),
  subject: text(300),
  description: text(100_000),
  attachmentIds: z.array(id).max(20).default([]),
  contactId: id.optional().describe("Support filing on a contact's behalf names the contact"),
});
export type TicketInput = z.infer<typeof ticketInput>;

export const messageInput = z.object({
  body: text(100_000),
  visibility: z.enum(['public', 'internal']).default('public'),
  /** Support's public reply that hands the request to the customer (a question, a fix to try). */
  awaitCustomer: z.boolean().default(false),
  attachmentIds: z.array(id).max(20).default([]),
});
export type MessageInput = z.infer<typeof messageInput>;

export const instanceChangeInput = z.object({ instanceId: id });
export type InstanceChangeInput = z.infer<typeof instanceChangeInput>;

export const severityChangeInput = z.object({ severity, reason: text(2000) });
export type SeverityChangeInput = z.infer<typeof severityChangeInput>;

export const splitInput = z.object({
  parts: z
    .array(
      z.object({
        subject: text(300),
        severity,
        description: z.string().trim().max(100_000).optional(),
        messageIds: z.array(id).max(500).default([]),
      }),
    )
    .min(1)
    .max(20),
});
export type SplitInput = z.infer<typeof splitInput>;

export const infoRequestInput = z.object({ body: z.string().trim().max(20_000).optional() });
export type InfoRequestInput = z.infer<typeof infoRequestInput>;

export const resolutionInput = z.object({ body: text(100_000) });
export type ResolutionInput = z.infer<typeof resolutionInput>;

export const closeInput = z.object({ reason: z.string().trim().max(2000).optional() });
export type CloseInput = z.infer<typeof closeInput>;

export const assignInput = z.object({ assigneeId: id.nullable() });
export type AssignInput = z.infer<typeof assignInput>;

export const remoteSessionInput = z.object({
  startedAt: z.iso.datetime({ offset: true }),
  durationMinutes: z
    .int()
    .min(1)
    .max(24 * 60),
  engineerId: id.optional().describe('The engineer who connected; the caller when absent'),
  outcome: text(4000),
  recommendations: text(20_000),
});
export type RemoteSessionInput = z.infer<typeof remoteSessionInput>;

export const outOfScopeInput = z.object({ note: z.string().trim().max(20_000).optional() });
export type OutOfScopeInput = z.infer<typeof outOfScopeInput>;

export const ticketListQuery = z.object({
  status: z
    .union([z.enum(STATUSES), z.array(z.enum(STATUSES))])
    .optional()
    .transform((value) => (value === undefined ? undefined : [value].flat())),
  severity: z
    .union([severity, z.array(severity)])
    .optional()
    .transform((value) => (value === undefined ? undefined : [value].flat())),
  organizationId: id.optional(),
  assigneeId: z.union([id, z.enum(['none'])]).optional(),
  breached: z.enum(['true', 'false']).optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TicketListQuery = z.infer<typeof ticketListQuery>;

export const reportQuery = z
  .object({
    from: calendarDate,
    to: calendarDate,
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .refine((query) => query.from <= query.to, { error: 'validation.period_order', path: ['to'] });
export type ReportQuery = z.infer<typeof reportQuery>;

export const releaseInput = z.object({
  productId: id,
  version: z.string().trim().min(1).max(64),
  releasedOn: calendarDate,
  notes: z.string().max(100_000).default(''),
});
export type ReleaseInput = z.infer<typeof releaseInput>;

export const documentationInput = z
  .object({
    productId: id,
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https?$/ }).optional(),
    body: z.string().max(200_000).optional(),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((page) => Boolean(page.url) !== Boolean(page.body), {
    error: 'validation.link_or_page',
    path: ['body'],
  });
export type DocumentationInput = z.infer<typeof documentationInput>;
