import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseContact, exportContactData } from '../../app/customers/personalData.js';
import { email, id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** A contact's personal data under 152-FZ: everything held, as one file, and its erasure (administrators). */
export const personalDataRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ contactId: id });

  api.get(
    '/contacts/:contactId/personal-data',
    {
      schema: {
        operationId: 'exportContactData',
        tags: ['contacts'],
        summary: 'Everything the desk holds about a contact, as one JSON file (152-FZ; admin, audited)',
        params,
        response: { 200: z.record(z.string(), z.unknown()), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const document = await exportContactData(ctx, signedIn(request), request.params.contactId);
      reply.header(
        'content-disposition',
        `attachment; filename="personal-data-${request.params.contactId}.json"`,
      );
      return document;
    },
  );

  api.post(
    '/contacts/:contactId/erasure',
    {
      schema: {
        operationId: 'eraseContact',
        tags: ['contacts'],
        summary:
          "Erase a departed contact's name, e-mail, phone and Telegram binding; their requests stay, from an erased contact (152-FZ; admin, audited)",
        description: "Confirmed by the contact's current e-mail address in `email`.",
        params,
        body: z.object({ email }).strict(),
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await eraseContact(ctx, signedIn(request), request.params.contactId, request.body.email);
      return reply.code(204).send(null);
    },
  );
};
