import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarMonth,
  importCalendar,
  listCalendarOverrides,
  listCalendarYears,
  previewCalendarImport,
  removeCalendarOverride,
  setCalendarOverride,
} from '../../app/sla/calendar.js';
import {
  computeDeadline,
  createPolicyVersion,
  listPolicyVersions,
  policyHistory,
} from '../../app/sla/sla.js';
import {
  calendarFileInput,
  calendarImportQuery,
  calendarOverrideInput,
  calendarYearImportSchema,
  monthSchema,
  overrideSchema,
} from '../../contract/calendar.js';
import { calendarDate, month } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  deadlineInput,
  deadlineSchema,
  policyHistoryEntrySchema,
  policyInput,
  policySchema,
} from '../../contract/sla.js';
import { renderExplanation } from '../../i18n/slaExplanation.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

export const slaRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/sla/deadlines',
    {
      schema: {
        operationId: 'computeDeadline',
        tags: ['sla'],
        summary:
          'The response deadline for a level and severity registered at an instant, optionally explained',
        body: deadlineInput,
        response: { 200: deadlineSchema, ...problems(400, 401) },
      },
    },
    async (request) => {
      const result = await computeDeadline(ctx, signedIn(request), request.body);
      const { explanation } = result;
      return {
        dueAt: result.dueAt.toISOString(),
        registeredAt: result.registeredAt.toISOString(),
        policyId: result.policy.id,
        explanation: explanation && {
          lines: renderExplanation(explanation, request.language),
          clock: explanation.clock,
          durationMs: explanation.durationMs,
          countingStartsAt: explanation.countingStartsAt.toISOString(),
          stretches: explanation.stretches.map((stretch) => ({
            date: stretch.date,
            from: stretch.from,
            to: stretch.to,
            countedMs: stretch.countedMs,
            shortened: stretch.day.shortened,
          })),
          skippedDays: explanation.skippedDays.map((day) => ({
            date: day.date,
            kind: day.kind,
            name: day.name ?? null,
            nameEn: day.nameEn ?? null,
            transferredFrom: day.transferredFrom ?? null,
          })),
        },
      };
    },
  );

  api.get(
    '/sla/policies/history',
    {
      schema: {
        operationId: 'policyHistory',
        tags: ['sla'],
        summary:
          'The published policy versions, oldest first, each with the rules it changed from the one before',
        response: {
          200: z.array(policyHistoryEntrySchema),
          ...problems(401),
        },
      },
    },
    (request) => policyHistory(ctx, signedIn(request)),
  );

  api.get(
    '/sla/policies',
    {
      schema: {
        operationId: 'listPolicyVersions',
        tags: ['sla'],
        summary: 'The policy versions, oldest first; a request follows the one in force at its registration',
        response: { 200: z.array(policySchema), ...problems(401) },
      },
    },
    (request) => listPolicyVersions(ctx, signedIn(request)),
  );

  api.post(
    '/sla/policies',
    {
      schema: {
        operationId: 'createPolicyVersion',
        tags: ['sla'],
        summary: 'Add a policy version that takes effect on a later date (admin)',
        body: policyInput,
        response: { 201: policySchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPolicyVersion(ctx, signedIn(request), request.body)),
  );

  api.get(
    '/calendar/months/:month',
    {
      schema: {
        operationId: 'getCalendarMonth',
        tags: ['calendar'],
        summary: "A month's working days, hours, holidays and shortened days",
        params: z.object({ month }),
        response: { 200: monthSchema, ...problems(400, 401) },
      },
    },
    (request) => calendarMonth(ctx, signedIn(request), request.params.month),
  );

  api.get(
    '/calendar/years',
    {
      schema: {
        operationId: 'listCalendarYears',
        tags: ['calendar'],
        summary: 'The years the production calendar holds, shipped or imported',
        response: {
          200: z.array(z.object({ year: z.int(), source: z.enum(['shipped', 'imported', 'fallback']) })),
          ...problems(401),
        },
      },
    },
    (request) => listCalendarYears(ctx, signedIn(request)),
  );

  api.post(
    '/calendar/imports/preview',
    {
      schema: {
        operationId: 'previewCalendarImport',
        tags: ['calendar'],
        summary: 'What importing a calendar file would add, remove and change in the loaded years (admin)',
        body: calendarFileInput,
        response: { 200: z.array(calendarYearImportSchema), ...problems(400, 401, 403) },
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    (request) => previewCalendarImport(ctx, signedIn(request), request.body),
  );

  api.post(
    '/calendar/imports',
    {
      schema: {
        operationId: 'importCalendar',
        tags: ['calendar'],
        summary:
          'Load corrected or new production-calendar years; a loaded year is replaced only with replace=true (admin)',
        querystring: calendarImportQuery,
        body: calendarFileInput,
        response: { 200: z.array(calendarYearImportSchema), ...problems(400, 401, 403, 409) },
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    (request) => importCalendar(ctx, signedIn(request), request.body, { replace: request.query.replace }),
  );

  api.get(
    '/calendar/overrides',
    {
      schema: {
        operationId: 'listCalendarOverrides',
        tags: ['calendar'],
        summary: 'Days the vendor set apart from the official calendar',
        response: { 200: z.array(overrideSchema), ...problems(401) },
      },
    },
    (request) => listCalendarOverrides(ctx, signedIn(request)),
  );

  api.put(
    '/calendar/overrides/:date',
    {
      schema: {
        operationId: 'setCalendarOverride',
        tags: ['calendar'],
        summary: 'Make a day a company day off, a working weekend day, or a shortened day (admin)',
        params: z.object({ date: calendarDate }),
        body: calendarOverrideInput,
        response: { 200: overrideSchema, ...problems(400, 401, 403) },
      },
    },
    (request) => setCalendarOverride(ctx, signedIn(request), request.params.date, request.body),
  );

  api.delete(
    '/calendar/overrides/:date',
    {
      schema: {
        operationId: 'removeCalendarOverride',
        tags: ['calendar'],
        summary: 'Return a day to the official calendar (admin)',
        params: z.object({ date: calendarDate }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeCalendarOverride(ctx, signedIn(request), request.params.date);
      return reply.code(204).send(null);
    },
  );
};
