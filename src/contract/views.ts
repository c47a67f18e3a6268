/**
 * Saved views: a queue's filters and order under a name, personal or shared, with their counts.
 * Shared by the server's routes and by the web.
 */
import { z } from 'zod';
import { id, instant, text } from './fields.js';
import { queueSortFields, ticketQueueFilter } from './tickets.js';

/** The queue's URL parameters, as the web writes them: what a view keeps and gives back. */
export const viewQueryInput = z
  .record(z.string(), z.union([z.string().max(500), z.array(z.string().max(100)).max(50)]))
  .describe(
    'The queue parameters: status, severity, organizationId, assigneeId (an id, me, none), breached, awaiting, tag, q, sort, direction',
  );

/** The parameters a view keeps, checked as the queue reads them; anything else (limit, cursor) is dropped. */
export const viewQueryParameters = ticketQueueFilter
  .omit({ dueBefore: true })
  .extend(queueSortFields)
  .strict();

export const viewInput = z
  .object({
    name: text(100),
    query: viewQueryInput,
    shared: z.boolean().default(false).describe('Shown to the whole team (administrators only)'),
  })
  .strict();
export type ViewInput = z.infer<typeof viewInput>;

export const viewUpdateInput = viewInput
  .omit({ shared: true })
  .extend({ position: z.int().min(0).max(1000) })
  .partial()
  .strict();
export type ViewUpdateInput = z.infer<typeof viewUpdateInput>;

export const savedViewSchema = z
  .object({
    id,
    name: z.string(),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    shared: z.boolean(),
    position: z.int(),
    mayEdit: z.boolean(),
    count: z
      .int()
      .nullable()
      .describe(
        'How many requests the view holds for the reader now, up to 999; null for a view that searches words',
      ),
    countCapped: z.boolean().describe('The view holds more than `count`: counting stopped at 999'),
    updatedAt: instant,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.output<typeof savedViewSchema>;
