import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAgents } from '../../app/accounts/agents.js';
import { listInboundMail, listOutboundMail } from '../../app/mail/mailLog.js';
import { listOutbox, retryOutboxEntry } from '../../app/outbox/deliveryLog.js';
import { telegramBinding, unbindTelegram } from '../../app/telegram/binding.js';
import { issueTelegramLink } from '../../app/telegram/linkCodes.js';
import { teamMemberSchema } from '../../contract/agents.js';
import { deliveryState, outboxEntrySchema } from '../../contract/deliveries.js';
import { deskSettingsSchema, telegramBindingSchema, telegramLinkSchema } from '../../contract/desk.js';
import { id } from '../../contract/fields.js';
import { receivedMailSchema, sentMailSchema } from '../../contract/mail.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** The desk's own people and its delivery log. */
export const deskRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx, config }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/desk',
    {
      schema: {
        operationId: 'getDeskSettings',
        tags: ['desk'],
        summary: 'What the screens need to know of this desk: where the product documentation is',
        response: { 200: deskSettingsSchema, ...problems(401) },
      },
    },
    async (request) => {
      signedIn(request);
      return { documentationUrl: config.documentationUrl };
    },
  );

  api.get(
    '/agents',
    {
      schema: {
        operationId: 'listAgents',
        tags: ['desk'],
        summary: 'The support team and partner engineers, for assigning requests (support)',
        response: {
          200: z.array(teamMemberSchema),
          ...problems(401, 403),
        },
      },
    },
    async (request) => listAgents(ctx, signedIn(request)),
  );

  api.get(
    '/outbox',
    {
      schema: {
        operationId: 'listOutbox',
        tags: ['desk'],
        summary: 'The delivery log of notifications and messages, newest first (admin)',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          state: deliveryState.optional(),
        }),
        response: {
          200: z.array(outboxEntrySchema),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => listOutbox(ctx, signedIn(request), request.query),
  );

  api.post(
    '/outbox/:id/retry',
    {
      schema: {
        operationId: 'retryOutboxEntry',
        tags: ['desk'],
        summary: 'Send a delivery the desk gave up on once more (admin)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await retryOutboxEntry(ctx, signedIn(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  const limit = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

  api.get(
    '/mail/outbound',
    {
      schema: {
        operationId: 'listOutboundMail',
        tags: ['mail'],
        summary: 'Mail the desk sent, or keeps when it has no SMTP_URL, newest first (admin)',
        querystring: limit,
        response: {
          200: z.array(sentMailSchema),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => listOutboundMail(ctx, signedIn(request), request.query),
  );

  api.get(
    '/mail/inbound',
    {
      schema: {
        operationId: 'listInboundMail',
        tags: ['mail'],
        summary: 'Mail the desk received, with the sender check and what became of it, newest first (admin)',
        querystring: limit,
        response: {
          200: z.array(receivedMailSchema),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) => listInboundMail(ctx, signedIn(request), request.query),
  );

  const contactParams = z.object({ contactId: id });

  api.get(
    '/contacts/:contactId/telegram',
    {
      schema: {
        operationId: 'getTelegramBinding',
        tags: ['telegram'],
        summary: 'Whether the contact has bound a Telegram account (the contact itself, or support)',
        params: contactParams,
        response: {
          200: telegramBindingSchema,
          ...problems(401, 404),
        },
      },
    },
    async (request) => telegramBinding(ctx, signedIn(request), request.params.contactId),
  );

  api.post(
    '/contacts/:contactId/telegram/link',
    {
      schema: {
        operationId: 'createTelegramLink',
        tags: ['telegram'],
        summary: "A one-time link to the support bot that binds the contact's chat after the phone check",
        params: contactParams,
        response: { 201: telegramLinkSchema, ...problems(401, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await issueTelegramLink(ctx, signedIn(request), request.params.contactId)),
  );

  api.delete(
    '/contacts/:contactId/telegram',
    {
      schema: {
        operationId: 'unbindTelegram',
        tags: ['telegram'],
        summary: 'End the Telegram binding of a contact (an administrator, or the contact itself)',
        params: contactParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await unbindTelegram(ctx, signedIn(request), request.params.contactId);
      return reply.code(204).send(null);
    },
  );
};
