import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendInvitation } from '../../app/accounts/accountLinks.js';
import { createCertificate, getCertificate, updateCertificate } from '../../app/customers/certificates.js';
import { createContact, getContact, updateContact } from '../../app/customers/contacts.js';
import { createInstance, getInstance } from '../../app/customers/instances.js';
import { createLicense, getLicense } from '../../app/customers/licenses.js';
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from '../../app/customers/organizations.js';
import { id } from '../../contract/fields.js';
import {
  certificateInput,
  certificateSchema,
  certificateUpdate,
  contactInput,
  contactSchema,
  contactUpdate,
  instanceInput,
  instanceSchema,
  licenseInput,
  licenseSchema,
  organizationDetailSchema,
  organizationInput,
  organizationSchema,
  organizationUpdate,
} from '../../contract/organizations.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

const organizationParams = z.object({ organizationId: id });

export const organizationRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/organizations',
    {
      schema: {
        operationId: 'listOrganizations',
        tags: ['organizations'],
        summary: 'Customer organizations (a contact sees its own only)',
        response: { 200: z.array(organizationSchema), ...problems(401) },
      },
    },
    (request) => listOrganizations(ctx, signedIn(request)),
  );

  api.post(
    '/organizations',
    {
      schema: {
        operationId: 'createOrganization',
        tags: ['organizations'],
        summary: 'Add a customer organization (admin)',
        body: organizationInput,
        response: { 201: organizationSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createOrganization(ctx, signedIn(request), request.body)),
  );

  api.get(
    '/organizations/:organizationId',
    {
      schema: {
        operationId: 'getOrganization',
        tags: ['organizations'],
        summary: 'An organization with its licenses, instances, certificates and contacts',
        params: organizationParams,
        response: { 200: organizationDetailSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => getOrganization(ctx, signedIn(request), request.params.organizationId),
  );

  api.patch(
    '/organizations/:organizationId',
    {
      schema: {
        operationId: 'updateOrganization',
        tags: ['organizations'],
        summary: 'Change an organization, or make it a former customer (active: false) and back (admin)',
        params: organizationParams,
        body: organizationUpdate,
        response: { 200: organizationSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateOrganization(ctx, signedIn(request), request.params.organizationId, request.body),
  );

  api.post(
    '/organizations/:organizationId/licenses',
    {
      schema: {
        operationId: 'createLicense',
        tags: ['licenses'],
        summary: 'Register a license agreement of the organization (admin)',
        params: organizationParams,
        body: licenseInput,
        response: { 201: licenseSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createLicense(ctx, signedIn(request), request.params.organizationId, request.body)),
  );

  api.get(
    '/licenses/:licenseId',
    {
      schema: {
        operationId: 'getLicense',
        tags: ['licenses'],
        summary: 'A license with its products and validity (a contact: of its own organization)',
        params: z.object({ licenseId: id }),
        response: { 200: licenseSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => getLicense(ctx, signedIn(request), request.params.licenseId),
  );

  api.post(
    '/organizations/:organizationId/instances',
    {
      schema: {
        operationId: 'createInstance',
        tags: ['instances'],
        summary: 'Register an installation of a product at the organization (admin)',
        params: organizationParams,
        body: instanceInput,
        response: { 201: instanceSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createInstance(ctx, signedIn(request), request.params.organizationId, request.body)),
  );

  api.get(
    '/instances/:instanceId',
    {
      schema: {
        operationId: 'getInstance',
        tags: ['instances'],
        summary: 'An instance: its product, environment and version (a contact: of its own organization)',
        params: z.object({ instanceId: id }),
        response: { 200: instanceSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => getInstance(ctx, signedIn(request), request.params.instanceId),
  );

  api.post(
    '/organizations/:organizationId/certificates',
    {
      schema: {
        operationId: 'createCertificate',
        tags: ['certificates'],
        summary: 'Issue a support certificate covering named instances (admin)',
        params: organizationParams,
        body: certificateInput,
        response: { 201: certificateSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createCertificate(ctx, signedIn(request), request.params.organizationId, request.body)),
  );

  api.get(
    '/certificates/:certificateId',
    {
      schema: {
        operationId: 'getCertificate',
        tags: ['certificates'],
        summary: 'A support certificate: level, period and the instances it covers',
        params: z.object({ certificateId: id }),
        response: { 200: certificateSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => getCertificate(ctx, signedIn(request), request.params.certificateId),
  );

  api.patch(
    '/certificates/:certificateId',
    {
      schema: {
        operationId: 'updateCertificate',
        tags: ['certificates'],
        summary: 'Change a certificate: level, period, instance limit, or the covered instances (admin)',
        params: z.object({ certificateId: id }),
        body: certificateUpdate,
        response: { 200: certificateSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => updateCertificate(ctx, signedIn(request), request.params.certificateId, request.body),
  );

  api.post(
    '/organizations/:organizationId/contacts',
    {
      schema: {
        operationId: 'createContact',
        tags: ['contacts'],
        summary: 'Authorize a person of the organization to contact support (admin)',
        params: organizationParams,
        body: contactInput,
        response: { 201: contactSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createContact(ctx, signedIn(request), request.params.organizationId, request.body)),
  );

  api.get(
    '/contacts/:contactId',
    {
      schema: {
        operationId: 'getContact',
        tags: ['contacts'],
        summary: 'An authorized contact of an organization',
        params: z.object({ contactId: id }),
        response: { 200: contactSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => getContact(ctx, signedIn(request), request.params.contactId),
  );

  api.patch(
    '/contacts/:contactId',
    {
      schema: {
        operationId: 'updateContact',
        tags: ['contacts'],
        summary: 'Change a contact, deactivate it, or set its portal password (admin)',
        params: z.object({ contactId: id }),
        body: contactUpdate,
        response: { 200: contactSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateContact(ctx, signedIn(request), request.params.contactId, request.body),
  );

  api.post(
    '/contacts/:contactId/invitation',
    {
      schema: {
        operationId: 'inviteContact',
        tags: ['contacts'],
        summary:
          'Mail the contact a link to set their portal password: an invitation (72 h) while they have none, a reset (1 h) after (admin)',
        params: z.object({ contactId: id }),
        response: { 202: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await sendInvitation(ctx, signedIn(request), { type: 'contact', id: request.params.contactId });
      return reply.code(202).send(null);
    },
  );
};
