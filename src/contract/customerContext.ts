/** What support sees beside a request: the customer's certificates, other requests and the contact's channels. */
import { z } from 'zod';
import { calendarDate, channel, id, instant, level, severity, status, validityStatus } from './fields.js';

const requestLine = z.object({
  id,
  number: z.string(),
  subject: z.string(),
  status,
  severity,
  registeredAt: instant,
  mergedIntoId: id.nullable(),
});

export const customerContextSchema = z
  .object({
    organization: z.object({ id, name: z.string(), inn: z.string().nullable() }),
    certificates: z.array(
      z.object({
        id,
        number: z.string(),
        level,
        validFrom: calendarDate,
        validTo: calendarDate,
        status: validityStatus,
        instances: z.array(z.object({ id, name: z.string() })),
        coversThisRequest: z.boolean(),
      }),
    ),
    openRequests: z
      .array(requestLine)
      .describe("The organization's other open requests, nearest deadline first"),
    recentRequests: z.array(requestLine).describe('Its latest resolved or closed requests'),
    contact: z
      .object({
        id,
        name: z.string(),
        email: z.string(),
        phone: z.string().nullable(),
        active: z.boolean(),
        telegramLinked: z.boolean(),
        requestsByChannel: z.array(z.object({ channel, count: z.int() })),
      })
      .nullable()
      .describe('Null on an imported request whose requester the old desk knew by address alone'),
  })
  .meta({ id: 'CustomerContext' });
export type CustomerContext = z.output<typeof customerContextSchema>;
