import { z } from 'zod';
import { LEVELS } from '../domain/entitlement/entitlement.js';
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
