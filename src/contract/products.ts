/**
 * Products: what the vendor sells and supports.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { id, instant, text } from './fields.js';

export const productInput = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { error: 'validation.product_code' })
    .transform((value) => value.toUpperCase()),
  name: text(200),
  description: z.string().trim().max(4000).default(''),
});
export type ProductInput = z.infer<typeof productInput>;

export const productSchema = z
  .object({
    id,
    code: z.string(),
    name: z.string(),
    description: z.string(),
    createdAt: instant,
  })
  .meta({ id: 'Product' });
export type Product = z.output<typeof productSchema>;
