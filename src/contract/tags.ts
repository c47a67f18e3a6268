/** Tags: the list administrators keep, and the tags on a request. Shared by the server's routes and by the web. */
import { z } from 'zod';
import { TAG_COLORS } from './constants.js';
import { id, text } from './fields.js';

export const tagSchema = z.object({ id, name: z.string(), color: z.enum(TAG_COLORS) }).meta({ id: 'Tag' });
export type Tag = z.output<typeof tagSchema>;

export const tagInput = z
  .object({
    name: text(50).refine((value) => !/\s/.test(value), { error: 'validation.tag_name' }),
    color: z.enum(TAG_COLORS).default('gray'),
  })
  .strict();
export type TagInput = z.infer<typeof tagInput>;

export const ticketTagsInput = z.object({ tagIds: z.array(id).min(1).max(20) }).strict();
export type TicketTagsInput = z.infer<typeof ticketTagsInput>;
