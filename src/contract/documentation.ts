/**
 * Product documentation: links and pages.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { SEARCH_MAX_LENGTH } from '../domain/tickets/searchQuery.js';
import { id } from './fields.js';

export const documentationInput = z
  .object({
    productId: id,
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https?$/ }).optional(),
    body: z.string().max(200_000).optional(),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .refine((page) => Boolean(page.url) !== Boolean(page.body), {
    error: 'validation.link_or_page',
    path: ['body'],
  });
export type DocumentationInput = z.infer<typeof documentationInput>;

export const documentationSuggestionQuery = z.object({
  q: z.string().trim().max(SEARCH_MAX_LENGTH).describe('What the reader is writing: a new request’s subject'),
});

export const suggestionOpenedInput = z
  .object({
    typed: z
      .string()
      .trim()
      .min(1)
      .max(SEARCH_MAX_LENGTH)
      .describe('The subject being written when the suggested page was opened'),
  })
  .strict();

export const pageSchema = z
  .object({
    id,
    product: z.object({ id, code: z.string(), name: z.string() }),
    title: z.string(),
    kind: z.enum(['link', 'page']),
    available: z.boolean(),
    refusal: z.string().nullable(),
    url: z.string().nullable(),
    body: z.string().nullable().describe('The page as written, in Markdown'),
    bodyHtml: z
      .string()
      .nullable()
      .describe('The page as HTML to show as it is: no raw HTML, scripts or javascript: links survive'),
  })
  .meta({ id: 'DocumentationPage' });
export type DocumentationPage = z.output<typeof pageSchema>;
