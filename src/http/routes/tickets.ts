import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../app/actor.js';
import { openAttachment, uploadAttachment } from '../../app/attachments.js';
import { AppError } from '../../app/errors.js';
import { listNotifications, markNotificationsRead } from '../../app/notifications.js';
import { setPartnerOrganizations } from '../../app/partners.js';
import {
  addTicketMessage,
  assignTicket,
  changeTicketInstance,
  changeTicketSeverity,
  closeTicket,
  createRemoteSession,
  markOutOfScope,
  reopenTicket,
  requestTicketInfo,
  resolveTicket,
} from '../../app/tickets/actions.js';
import { getTicket, listIntakeRejections, listTickets, ticketSummary } from '../../app/tickets/queries.js';
import { createTicket } from '../../app/tickets/registerRequest.js';
import { splitTicket } from '../../app/tickets/splitTicket.js';
import { id, instant, version } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  assignInput,
  closeInput,
  infoRequestInput,
  instanceChangeInput,
  intakeRejectionSchema,
  messageInput,
  outOfScopeInput,
  remoteSessionInput,
  remoteSessionSchema,
  resolutionInput,
  severityChangeInput,
  splitInput,
  ticketDetailSchema,
  ticketInput,
  ticketListQuery,
  ticketPageSchema,
  ticketSummarySchema,
  uploadedAttachmentSchema,
} from '../../contract/tickets.js';
import type { Channel } from '../../domain/sla/policy.js';
import { renderExplanation } from '../../i18n/slaExplanation.js';
import type { HttpDependencies } from '../app.js';
import { signedIn } from '../authentication.js';
import { binaryFile, fileUpload } from '../openapi.js';

const ticketParams = z.object({ ticketId: id });

/** A changing action names the version it was made on in If-Match ("3", or W/"3") or in `version`. */
const ifMatchHeader = z.looseObject({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, { error: 'validation.if_match' })
    .optional(),
});
const versioned = <Shape extends z.ZodRawShape>(body: z.ZodObject<Shape>) =>
  body.extend({ version: version.optional() });

function seenVersion(request: { headers: Record<string, unknown>; body?: unknown }): number | undefined {
  const header = request.headers['if-match'];
  if (typeof header === 'string') return Number(header.replace(/\D/g, ''));
  const body = request.body as { version?: unknown } | undefined;
  return typeof body?.version === 'number' ? body.version : undefined;
}

/** A portal user works through a session; a program through a token. */
const channelOf = (request: FastifyRequest): Channel => (request.authMethod === 'token' ? 'api' : 'portal');

export const ticketRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summary = async (actor: Actor, row: Parameters<typeof ticketSummary>[0]) =>
    ticketSummary(row, ctx.clock.now(), await ctx.sla.load(ctx.db), actor);
  const routeOf = (operationId: string, summaryText: string) => ({
    operationId,
    tags: ['tickets'],
    summary: summaryText,
    params: ticketParams,
    response: { 200: ticketSummarySchema, ...problems(400, 401, 403, 404, 409) },
  });
  const action = <Shape extends z.ZodRawShape>(
    operationId: string,
    summaryText: string,
    body: z.ZodObject<Shape>,
  ) => ({
    schema: { ...routeOf(operationId, summaryText), body: versioned(body), headers: ifMatchHeader },
  });

  api.post(
    '/tickets',
    {
      schema: {
        operationId: 'createTicket',
        tags: ['tickets'],
        summary: "File a request: a contact for itself, or support on a contact's behalf (contactId)",
        description:
          'The entitlement is checked first; a refusal answers 403 with the reason as `code` and is kept in ' +
          'the intake log. Attachments are uploaded first (uploadAttachment) and named by id.',
        body: ticketInput,
        response: { 201: ticketSummarySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await summary(
            signedIn(request),
            await createTicket(ctx, signedIn(request), request.body, channelOf(request)),
          ),
        ),
  );

  api.get(
    '/tickets',
    {
      schema: {
        operationId: 'listTickets',
        tags: ['tickets'],
        summary: 'The queue: visible tickets, soonest response deadline first, a page at a time',
        querystring: ticketListQuery,
        response: {
          200: ticketPageSchema,
          ...problems(400, 401),
        },
      },
    },
    (request) => listTickets(ctx, signedIn(request), request.query),
  );

  api.get(
    '/tickets/:ticketId',
    {
      schema: {
        operationId: 'getTicket',
        tags: ['tickets'],
        summary: 'A ticket with its messages, SLA state and explanation, links, remote sessions and history',
        params: ticketParams,
        response: { 200: ticketDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const ticket = await getTicket(ctx, signedIn(request), request.params.ticketId);
      return {
        ...ticket,
        sla: { ...ticket.sla, explanation: renderExplanation(ticket.sla.explanation, request.language) },
      };
    },
  );

  api.post(
    '/tickets/:ticketId/messages',
    {
      schema: {
        operationId: 'addTicketMessage',
        tags: ['tickets'],
        summary: 'A public reply or internal note by support, or a message from the customer',
        params: ticketParams,
        body: versioned(messageInput),
        headers: ifMatchHeader,
        response: {
          201: z.object({
            messageId: id,
            respondedNow: z.boolean(),
            status: ticketSummarySchema.shape.status,
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addTicketMessage(
            ctx,
            signedIn(request),
            request.params.ticketId,
            request.body,
            channelOf(request),
            undefined,
            seenVersion(request),
          ),
        ),
  );

  api.post(
    '/tickets/:ticketId/severity',
    action('changeTicketSeverity', 'Change the severity, with a reason (support)', severityChangeInput),
    async (request) =>
      summary(
        signedIn(request),
        await changeTicketSeverity(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/instance',
    action(
      'changeTicketInstance',
      'Name the instance a request is about; level and deadline follow its certificate (support)',
      instanceChangeInput,
    ),
    async (request) =>
      summary(
        signedIn(request),
        await changeTicketInstance(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/split',
    {
      schema: {
        operationId: 'splitTicket',
        tags: ['tickets'],
        summary: 'Split into new requests, each with its own subject, severity and chosen messages (support)',
        params: ticketParams,
        body: versioned(splitInput),
        headers: ifMatchHeader,
        response: { 201: z.array(ticketSummarySchema), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await Promise.all(
            (
              await splitTicket(
                ctx,
                signedIn(request),
                request.params.ticketId,
                request.body,
                seenVersion(request),
              )
            ).map((row) => summary(signedIn(request), row)),
          ),
        ),
  );

  api.post(
    '/tickets/:ticketId/info-request',
    action(
      'requestTicketInfo',
      'Ask the customer for the configuration, with the §4.5 checklist (support)',
      infoRequestInput,
    ),
    async (request) =>
      summary(
        signedIn(request),
        await requestTicketInfo(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/resolve',
    action('resolveTicket', 'Resolve with a solution message (support)', resolutionInput),
    async (request) =>
      summary(
        signedIn(request),
        await resolveTicket(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/close',
    action('closeTicket', 'Close: support, or the customer confirming it is done', closeInput),
    async (request) =>
      summary(
        signedIn(request),
        await closeTicket(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/reopen',
    {
      schema: {
        ...routeOf('reopenTicket', 'Reopen a resolved request before it closes'),
        headers: ifMatchHeader,
      },
    },
    async (request) =>
      summary(
        signedIn(request),
        await reopenTicket(ctx, signedIn(request), request.params.ticketId, seenVersion(request)),
      ),
  );

  api.post(
    '/tickets/:ticketId/assignee',
    action('assignTicket', 'Assign to a support account, or unassign with null (support)', assignInput),
    async (request) =>
      summary(
        signedIn(request),
        await assignTicket(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/out-of-scope',
    action(
      'markTicketOutOfScope',
      'Mark a consultation outside the scope of support, with the §4.2/§4.4 explanation',
      outOfScopeInput,
    ),
    async (request) =>
      summary(
        signedIn(request),
        await markOutOfScope(
          ctx,
          signedIn(request),
          request.params.ticketId,
          request.body,
          seenVersion(request),
        ),
      ),
  );

  api.post(
    '/tickets/:ticketId/remote-sessions',
    {
      schema: {
        operationId: 'createRemoteSession',
        tags: ['tickets'],
        summary: 'Log a remote diagnostic session (Extended level only)',
        params: ticketParams,
        body: remoteSessionInput,
        response: {
          201: remoteSessionSchema.extend({ ticketId: id, createdAt: instant }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createRemoteSession(ctx, signedIn(request), request.params.ticketId, request.body)),
  );

  api.get(
    '/intake-rejections',
    {
      schema: {
        operationId: 'listIntakeRejections',
        tags: ['tickets'],
        summary: 'Requests refused at the door, newest first, kept whole for review (admin)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.array(intakeRejectionSchema),
          ...problems(401, 403),
        },
      },
    },
    (request) => listIntakeRejections(ctx, signedIn(request), request.query),
  );

  api.post(
    '/attachments',
    {
      schema: {
        operationId: 'uploadAttachment',
        tags: ['tickets'],
        summary: 'Upload a file (multipart/form-data, field "file") to attach to a new ticket or message',
        consumes: ['multipart/form-data'],
        body: fileUpload,
        response: {
          201: uploadedAttachmentSchema,
          ...problems(400, 401),
        },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      let file: Awaited<ReturnType<typeof request.file>>;
      try {
        file = await request.file({ limits: { fileSize: ctx.files.maxBytes, files: 1 } });
      } catch {
        throw new AppError('invalid', 'attachment_empty', 'file');
      }
      if (!file) throw new AppError('invalid', 'attachment_empty', 'file');
      const data = await file.toBuffer().catch((error: { code?: string }) => {
        if (error.code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('invalid', 'attachment_too_large', 'file', {
            maxMegabytes: Math.floor(ctx.files.maxBytes / 1_048_576),
          });
        }
        throw error;
      });
      return reply.code(201).send(await uploadAttachment(ctx, actor, { fileName: file.filename, data }));
    },
  );

  api.get(
    '/attachments/:attachmentId',
    {
      schema: {
        operationId: 'downloadAttachment',
        tags: ['tickets'],
        summary: 'Download an attachment; always as a download, never rendered inline',
        params: z.object({ attachmentId: id }),
        produces: ['application/octet-stream'],
        response: { 200: binaryFile, ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const { attachment, stream } = await openAttachment(
        ctx,
        signedIn(request),
        request.params.attachmentId,
      );
      return reply
        .header('content-type', attachment.contentType)
        .header('content-length', String(attachment.size))
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(stream);
    },
  );

  api.get(
    '/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags: ['notifications'],
        summary: "The signed-in person's notifications, newest first, in their language",
        querystring: z.object({
          unread: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.array(
            z.object({
              id,
              ticketId: id.nullable(),
              template: z.string(),
              text: z.string(),
              createdAt: instant,
              readAt: instant.nullable(),
            }),
          ),
          ...problems(401),
        },
      },
    },
    (request) =>
      listNotifications(
        ctx,
        signedIn(request),
        { unreadOnly: request.query.unread === 'true', limit: request.query.limit },
        request.language,
      ),
  );

  api.post(
    '/notifications/read',
    {
      schema: {
        operationId: 'markNotificationsRead',
        tags: ['notifications'],
        body: z.object({ ids: z.array(id).min(1).max(500) }),
        response: { 200: z.object({ marked: z.int() }), ...problems(400, 401) },
      },
    },
    async (request) => ({ marked: await markNotificationsRead(ctx, signedIn(request), request.body.ids) }),
  );

  api.put(
    '/partners/:agentId/organizations',
    {
      schema: {
        operationId: 'setPartnerOrganizations',
        tags: ['tickets'],
        summary:
          'The customer organizations a partner engineer works for; it sees their tickets only (admin)',
        params: z.object({ agentId: id }),
        body: z.object({ organizationIds: z.array(id).max(1000) }),
        response: {
          200: z.object({ agentId: id, organizationIds: z.array(id) }),
          ...problems(400, 401, 403, 404),
        },
      },
    },
    (request) =>
      setPartnerOrganizations(ctx, signedIn(request), request.params.agentId, request.body.organizationIds),
  );
};
