/**
 * Product releases offered for download to supported customers.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { calendarDate, id } from './fields.js';

export const releaseInput = z.object({
  productId: id,
  version: z.string().trim().min(1).max(64),
  releasedOn: calendarDate,
  notes: z.string().max(100_000).default(''),
});
export type ReleaseInput = z.infer<typeof releaseInput>;

export const fileSchema = z
  .object({ id, fileName: z.string(), size: z.number().int(), sha256: z.string() })
  .meta({ id: 'ReleaseFile' });
export type ReleaseFile = z.output<typeof fileSchema>;

export const releaseSchema = z
  .object({
    id,
    product: z.object({ id, code: z.string(), name: z.string() }),
    version: z.string(),
    releasedOn: z.string(),
    notes: z.string().describe('The release notes as written, in Markdown'),
    notesHtml: z.string().describe('The notes as HTML to show as it is (see DocumentationPage.bodyHtml)'),
    available: z.boolean(),
    refusal: z.string().nullable().describe('Why the caller may not download it now, as an error code'),
    files: z.array(fileSchema),
  })
  .meta({ id: 'Release' });
export type Release = z.output<typeof releaseSchema>;
