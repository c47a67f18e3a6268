import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarMonth,
  importCalendar,
  listCalendarOverrides,
  listCalendarYears,
  removeCalendarOverride,
  setCalendarOverride,
} from '../../app/calendar.js';
import {
  calendarDate,
  calendarFileInput,
  calendarOverrideInput,
  deadlineInput,
  month,
  policyInput,
} from '../../app/inputs.js';
import { computeDeadline, createPolicyVersion, listPolicyVersions, policyHistory } from '../../app/sla.js';
import { renderExplanation } from '../../i18n/slaExplanation.js';
import type { HttpDependencies } from '../app.js';
import { signedIn } from '../authentication.js';
import { problems } from '../schemas.js';

const instant = z.iso.datetime();
const dayKind = z.enum(['regular', 'weekend', 'holiday', 'dayOff', 'short', 'workday']);

const policySchema = policyInput.extend({ id: calendarDate });

const deadlineSchema = z.object({
  dueAt: instant,
  registeredAt: instant,
  policyId: calendarDate,
  explanation: z
    .object({
      lines: z.array(z.string()).describe("The explanation in the reader's language, line by line"),
      clock: z.enum(['business', 'daily']),
      durationMs: z.number(),
      countingStartsAt: instant,
      stretches: z.array(
        z.object({
          date: calendarDate,
          from: z.string(),
          to: z.string(),
          countedMs: z.number(),
          shortened: z.boolean(),
        }),
      ),
      skippedDays: z.array(
        z.object({
          date: calendarDate,
          kind: dayKind,
          name: z.string().nullable(),
          nameEn: z.string().nullable(),
          transferredFrom: calendarDate.nullable(),
        }),
      ),
    })
    .nullable(),
});

const monthSchema = z.object({
  month: z.string(),
  source: z.enum(['shipped', 'imported', 'fallback']),
  days: z.array(
    z.object({
      date: calendarDate,
      weekday: z.int().min(1).max(7),
      working: z.boolean(),
      shortened: z.boolean(),
      kind: dayKind,
      name: z.string().nullable(),
      nameEn: z.string().nullable(),
      transferredFrom: calendarDate.nullable(),
      source: z.enum(['rule', 'official', 'override', 'fallback']),
      hours: z.object({ opensAt: z.string(), closesAt: z.string() }).nullable(),
    }),
  ),
  totals: z.object({ workingDays: z.int(), deskHours: z.number(), normHours40: z.int() }),
});

const overrideSchema = z.object({
  date: calendarDate,
  type: z.string(),
  name: z.string().nullable(),
  createdAt: instant,
  createdBy: z.string(),
});

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
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              effectiveFrom: z.string(),
              changes: z.array(z.record(z.string(), z.unknown())),
            }),
          ),
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
    '/calendar/imports',
    {
      schema: {
        operationId: 'importCalendar',
        tags: ['calendar'],
        summary: 'Load corrected or new production-calendar years; each replaces that year (admin)',
        body: calendarFileInput,
        response: {
          200: z.array(z.object({ year: z.int(), days: z.int() })),
          ...problems(400, 401, 403),
        },
      },
      bodyLimit: 4 * 1024 * 1024,
    },
    (request) => importCalendar(ctx, signedIn(request), request.body),
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
