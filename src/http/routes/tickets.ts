import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addTicketMessage } from '../../app/tickets/addTicketMessage.js';
import { assignTicket } from '../../app/tickets/assignTicket.js';
import { changeTicketInstance } from '../../app/tickets/changeTicketInstance.js';
import { changeTicketSeverity } from '../../app/tickets/changeTicketSeverity.js';
import { closeTicket } from '../../app/tickets/closeTicket.js';
import { createRemoteSession } from '../../app/tickets/createRemoteSession.js';
import { markOutOfScope } from '../../app/tickets/markOutOfScope.js';
import { createTicket } from '../../app/tickets/registerRequest.js';
import { reopenTicket } from '../../app/tickets/reopenTicket.js';
import { requestTicketInfo } from '../../app/tickets/requestTicketInfo.js';
import { resolveTicket } from '../../app/tickets/resolveTicket.js';
import { splitTicket } from '../../app/tickets/splitTicket.js';
import { id, instant, version } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  assignInput,
  closeInput,
  infoRequestInput,
  instanceChangeInput,
  messageInput,
  outOfScopeInput,
  remoteSessionInput,
  remoteSessionSchema,
  resolutionInput,
  severityChangeInput,
  splitInput,
  supportTicketSummarySchema,
  ticketInput,
  ticketSummarySchema,
} from '../../contract/tickets.js';
import type { Channel } from '../../domain/sla/policy.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { idempotencyKeyHeader, intakeKeyOf, retryableHeaders } from '../idempotency.js';
import { ticketAnswer } from './ticketAnswer.js';

export const ticketParams = z.object({ ticketId: id });

/** A changing action names the version it was made on in If-Match ("3", or W/"3") or in `version`. */
const ifMatch = z
  .string()
  .regex(/^(W\/)?"?\d+"?$/, { error: 'validation.if_match' })
  .optional();
export const ifMatchHeader = z.looseObject({ 'if-match': ifMatch });
export const retryableVersionedHeaders = z.looseObject({
  'if-match': ifMatch,
  'idempotency-key': idempotencyKeyHeader,
});
const versioned = <Shape extends z.ZodRawShape>(body: z.ZodObject<Shape>) =>
  body.extend({ version: version.optional() });

export function seenVersion(request: {
  headers: Record<string, unknown>;
  body?: unknown;
}): number | undefined {
  const header = request.headers['if-match'];
  if (typeof header === 'string') return Number(header.replace(/\D/g, ''));
  const body = request.body as { version?: unknown } | undefined;
  return typeof body?.version === 'number' ? body.version : undefined;
}

/** A portal user works through a session; a program through a token. */
export const channelOf = (request: FastifyRequest): Channel =>
  request.authMethod === 'token' ? 'api' : 'portal';

export const ticketRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summary = ticketAnswer(ctx);
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
    schema: {
      ...routeOf(operationId, summaryText),
      body: versioned(body),
      headers: retryableVersionedHeaders,
    },
    config: { replayable: true },
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
          'the intake log. Attachments are uploaded first (uploadAttachment) and named by id. A retry with ' +
          'the same Idempotency-Key answers the request the first attempt filed.',
        body: ticketInput,
        headers: retryableHeaders,
        response: { 201: ticketSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await summary(
            signedIn(request),
            await createTicket(
              ctx,
              signedIn(request),
              request.body,
              channelOf(request),
              intakeKeyOf(request, signedIn(request)),
            ),
          ),
        ),
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
        headers: retryableVersionedHeaders,
        response: {
          201: z.object({
            messageId: id,
            respondedNow: z.boolean(),
            status: supportTicketSummarySchema.shape.status,
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
            intakeKeyOf(request, signedIn(request)),
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
        headers: retryableVersionedHeaders,
        response: { 201: z.array(ticketSummarySchema), ...problems(400, 401, 403, 404, 409) },
      },
      config: { replayable: true },
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
                request.replayKey !== null,
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
        headers: retryableVersionedHeaders,
      },
      config: { replayable: true },
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
        headers: retryableHeaders,
        response: {
          201: remoteSessionSchema.extend({ ticketId: id, createdAt: instant }),
          ...problems(400, 401, 403, 404),
        },
      },
      config: { replayable: true },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createRemoteSession(ctx, signedIn(request), request.params.ticketId, request.body)),
  );
};
