/**
 * Customers and what they hold: licenses, instances, certificates, and their authorized contacts.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { isValidInn, isValidKpp, isValidOgrn } from '../domain/organizations/registryNumbers.js';
import {
  calendarDate,
  email,
  environment,
  id,
  instant,
  language,
  level,
  password,
  phone,
  text,
  validityStatus,
} from './fields.js';

const registryNumbers = {
  inn: z
    .string()
    .trim()
    .regex(/^(\d{10}|\d{12})$/, { error: 'validation.inn' })
    .refine(isValidInn, { error: 'validation.inn_checksum' })
    .describe('ИНН: 10 digits for a company, 12 for a sole trader, with its check digits'),
  kpp: z
    .string()
    .trim()
    .refine(isValidKpp, { error: 'validation.kpp' })
    .describe('КПП: nine characters, e.g. 773601001'),
  ogrn: z
    .string()
    .trim()
    .refine(isValidOgrn, { error: 'validation.ogrn' })
    .describe('ОГРН (13 digits) or ОГРНИП (15), with its check digit'),
};

/** An ОГРН goes with a company's INN, an ОГРНИП with a sole trader's; a КПП with a company only. */
export const registryKindsMatch = (value: {
  inn?: string | null;
  kpp?: string | null;
  ogrn?: string | null;
}) =>
  !value.inn ||
  ((!value.ogrn || (value.ogrn.length === 13) === (value.inn.length === 10)) &&
    (!value.kpp || value.inn.length === 10));

const orNull = <Schema extends z.ZodType<string>>(schema: Schema) =>
  schema.nullish().transform((value) => value ?? null);

export const organizationInput = z
  .object({
    name: text(300),
    inn: orNull(registryNumbers.inn),
    kpp: orNull(registryNumbers.kpp),
    ogrn: orNull(registryNumbers.ogrn),
    note: z
      .string()
      .trim()
      .max(2000)
      .nullish()
      .transform((value) => value || null),
  })
  .refine(registryKindsMatch, { error: 'validation.registry_kind', path: ['ogrn'] });
export type OrganizationInput = z.infer<typeof organizationInput>;

/** Without defaults: a field left out stays as it is; `active: false` makes the customer a former one. */
export const organizationUpdate = z
  .object({
    name: text(300),
    inn: registryNumbers.inn.nullable(),
    kpp: registryNumbers.kpp.nullable(),
    ogrn: registryNumbers.ogrn.nullable(),
    active: z
      .boolean()
      .describe("A former customer's contacts can neither file nor sign in; its requests and reports stay"),
  })
  .partial()
  .strict();
export type OrganizationUpdate = z.infer<typeof organizationUpdate>;

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
  password: password
    .optional()
    .describe('Set by an administrator for a scripted setup; people rather get an invitation'),
  invite: z
    .boolean()
    .default(true)
    .describe('Without a password, mail the contact an invitation to set one for the portal'),
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

export const organizationSchema = z
  .object({
    id,
    name: z.string(),
    inn: z.string().nullable(),
    kpp: z.string().nullable(),
    ogrn: z.string().nullable(),
    active: z.boolean(),
    createdAt: instant,
  })
  .meta({ id: 'Organization' });
export type Organization = z.output<typeof organizationSchema>;

export const licenseSchema = z
  .object({
    id,
    organizationId: id,
    number: z.string(),
    validFrom: calendarDate,
    validTo: calendarDate.nullable(),
    status: validityStatus,
    products: z.array(z.object({ id, code: z.string(), name: z.string() })),
  })
  .meta({ id: 'License' });
export type License = z.output<typeof licenseSchema>;

export const instanceSchema = z
  .object({
    id,
    organizationId: id,
    productId: id,
    name: z.string(),
    environment,
    version: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'Instance' });
export type Instance = z.output<typeof instanceSchema>;

export const certificateSchema = z
  .object({
    id,
    organizationId: id,
    number: z.string(),
    level,
    validFrom: calendarDate,
    validTo: calendarDate,
    status: validityStatus,
    maxInstances: z.int(),
    instanceIds: z.array(id),
  })
  .meta({ id: 'Certificate' });
export type Certificate = z.output<typeof certificateSchema>;

export const contactSchema = z
  .object({
    id,
    organizationId: id,
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    language,
    active: z.boolean(),
    canSignIn: z.boolean(),
    erased: z.boolean().describe("The person's data was erased (152-FZ); their requests stay"),
  })
  .meta({ id: 'Contact' });
export type Contact = z.output<typeof contactSchema>;

export const organizationDetailSchema = organizationSchema
  .extend({
    licenses: z.array(licenseSchema),
    instances: z.array(instanceSchema),
    certificates: z.array(certificateSchema),
    contacts: z.array(contactSchema),
  })
  .meta({ id: 'OrganizationDetail' });
export type OrganizationDetail = z.output<typeof organizationDetailSchema>;
