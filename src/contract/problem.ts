/**
 * The error answer every operation may give (RFC 9457 problem details).
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().describe('Stable machine-readable error code'),
    instance: z.string().optional(),
    requestId: z.string().optional().describe('The id the desk logged this request under (X-Request-Id)'),
    field: z.string().optional().describe('The first offending field, for bad input'),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json')
  .meta({ id: 'Problem' });
export type Problem = z.output<typeof problemSchema>;

/** The error answers every operation may give, for the OpenAPI document. */
export const problems = (...statuses: (400 | 401 | 403 | 404 | 409 | 416 | 429)[]) =>
  Object.fromEntries(statuses.map((status) => [status, problemSchema]));
