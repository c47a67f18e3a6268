import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyMacro, previewMacro } from '../../app/macros/applyMacro.js';
import { createMacro, deleteMacro, listMacros, updateMacro } from '../../app/macros/macros.js';
import { id } from '../../contract/fields.js';
import {
  applyMacroInput,
  macroInput,
  macroPreviewSchema,
  macroSchema,
  macroUpdateInput,
} from '../../contract/macros.js';
import { problems } from '../../contract/problem.js';
import { ticketSummarySchema } from '../../contract/tickets.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { retryableHeaders } from '../idempotency.js';
import { ticketAnswer } from './ticketAnswer.js';
import { channelOf } from './tickets.js';

const macroParams = z.object({ macroId: id });

/** Macros: kept by their owners (shared ones by administrators), previewed on a request and applied in one step. */
export const macroRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summary = ticketAnswer(ctx);

  api.get(
    '/macros',
    {
      schema: {
        operationId: 'listMacros',
        tags: ['macros'],
        summary: "The shared macros and the reader's own (support)",
        response: { 200: z.array(macroSchema), ...problems(401, 403) },
      },
    },
    (request) => listMacros(ctx, signedIn(request)),
  );

  api.post(
    '/macros',
    {
      schema: {
        operationId: 'createMacro',
        tags: ['macros'],
        summary: 'A personal macro, or a shared one (administrators)',
        body: macroInput,
        response: { 201: macroSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createMacro(ctx, signedIn(request), request.body)),
  );

  api.patch(
    '/macros/:macroId',
    {
      schema: {
        operationId: 'updateMacro',
        tags: ['macros'],
        summary: 'Change a macro: its owner, or an administrator for a shared one',
        params: macroParams,
        body: macroUpdateInput,
        response: { 200: macroSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => updateMacro(ctx, signedIn(request), request.params.macroId, request.body),
  );

  api.delete(
    '/macros/:macroId',
    {
      schema: {
        operationId: 'deleteMacro',
        tags: ['macros'],
        summary: "Delete a macro; the policy's own answers are edited, never deleted",
        params: macroParams,
        response: { 204: z.null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteMacro(ctx, signedIn(request), request.params.macroId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/tickets/:ticketId/macros/:macroId/preview',
    {
      schema: {
        operationId: 'previewMacro',
        tags: ['macros'],
        summary: 'The macro written out for a request, its variables filled in, to edit before sending',
        params: z.object({ ticketId: id, macroId: id }),
        response: { 200: macroPreviewSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => previewMacro(ctx, signedIn(request), request.params.ticketId, request.params.macroId),
  );

  api.post(
    '/tickets/:ticketId/macro',
    {
      schema: {
        operationId: 'applyMacro',
        tags: ['macros'],
        summary:
          'Apply a macro in one step: its reply (as edited), status, severity, assignment, tags and note',
        description:
          'Every step goes through the same rules as the action on its own; if one is refused, nothing is changed. ' +
          'A closed request takes no macro.',
        params: z.object({ ticketId: id }),
        body: applyMacroInput,
        headers: retryableHeaders,
        response: { 200: ticketSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
      config: { replayable: true },
    },
    async (request) => {
      const actor = signedIn(request);
      return summary(
        actor,
        await applyMacro(ctx, actor, request.params.ticketId, request.body, channelOf(request)),
      );
    },
  );
};
