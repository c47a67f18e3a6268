import { z } from 'zod';
import { AGENT_ROLES } from '../app/actor.js';
import { calendarDate, environment, id, language, level } from '../app/inputs.js';
import { ENTITLEMENT_REFUSALS } from '../domain/entitlement/entitlement.js';

/** Response shapes: they document the API and are checked on the way out. */
const instant = z.iso.datetime().describe('ISO 8601 instant in UTC');
const validityStatus = z.enum(['upcoming', 'active', 'expired']);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().describe('Stable machine-readable error code'),
    instance: z.string().optional(),
    field: z.string().optional().describe('The first offending field, for bad input'),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json');

export const productSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: instant,
});

export const organizationSchema = z.object({
  id,
  name: z.string(),
  inn: z.string().nullable(),
  createdAt: instant,
});

export const licenseSchema = z.object({
  id,
  organizationId: id,
  number: z.string(),
  validFrom: calendarDate,
  validTo: calendarDate.nullable(),
  status: validityStatus,
  products: z.array(z.object({ id, code: z.string(), name: z.string() })),
});

export const instanceSchema = z.object({
  id,
  organizationId: id,
  productId: id,
  name: z.string(),
  environment,
  version: z.string(),
  createdAt: instant,
});

export const certificateSchema = z.object({
  id,
  organizationId: id,
  number: z.string(),
  level,
  validFrom: calendarDate,
  validTo: calendarDate,
  status: validityStatus,
  maxInstances: z.int(),
  instanceIds: z.array(id),
});

export const contactSchema = z.object({
  id,
  organizationId: id,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  language,
  active: z.boolean(),
  canSignIn: z.boolean(),
});

export const organizationDetailSchema = organizationSchema.extend({
  licenses: z.array(licenseSchema),
  instances: z.array(instanceSchema),
  certificates: z.array(certificateSchema),
  contacts: z.array(contactSchema),
});

export const principalSchema = z.object({
  type: z.enum(['agent', 'contact']),
  id,
  name: z.string(),
  email: z.string(),
  language,
  role: z.enum([...AGENT_ROLES, 'contact']),
  organizationId: id.nullable(),
});

export const sessionSchema = z.object({
  principal: principalSchema,
  csrfToken: z
    .string()
    .nullable()
    .describe('Send as X-CSRF-Token with every write made with the session cookie'),
  expiresAt: instant.nullable(),
});

export const entitlementDecisionSchema = z.object({
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
});

export const auditEventSchema = z.object({
  id,
  sequence: z.int().describe('Commit order; newer events have larger numbers'),
  at: instant,
  actor: z.object({ type: z.string(), id: id.nullable(), label: z.string() }),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  organizationId: id.nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

/** The error answers every operation may give, for the OpenAPI document. */
export const problems = (...statuses: (400 | 401 | 403 | 404 | 409 | 429)[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemSchema]));
