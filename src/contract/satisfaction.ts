/** The customer's rating of a resolved request, and the report of ratings. Shared by the routes and the web. */
import { z } from 'zod';
import { RATING_COMMENT_MAX_LENGTH } from './constants.js';
import { id, instant } from './fields.js';

const score = z.number().int().min(1).max(5).describe('1 (very poor) to 5 (excellent)');
const comment = z.string().trim().max(RATING_COMMENT_MAX_LENGTH);
const signature = z.string().regex(/^[0-9a-f]{64}$/, { error: 'validation.invalid' });

export const satisfactionSchema = z
  .object({
    requestedAt: instant,
    score: score.nullable().describe('Null until the customer rates'),
    comment: z.string().nullable(),
    channel: z.enum(['mail', 'portal', 'telegram']).nullable(),
    ratedAt: instant.nullable(),
    mayRate: z.boolean().describe('Whether the reader is the contact asked and has not rated yet'),
  })
  .meta({ id: 'Satisfaction' });
export type Satisfaction = z.output<typeof satisfactionSchema>;

export const ticketRatingInput = z.object({ score, comment: comment.optional() }).strict();

export const linkRatingInput = z
  .object({ surveyId: id, score, signature: signature.describe("The link's sig, as the mail gave it") })
  .strict();

export const linkCommentInput = linkRatingInput
  .extend({ comment: comment.min(1, { error: 'validation.not_blank' }) })
  .strict();

export const ratedRequestSchema = z
  .object({
    number: z.string(),
    subject: z.string(),
    score: score.nullable(),
    comment: z.string().nullable(),
  })
  .meta({ id: 'RatedRequest' });
export type RatedRequest = z.output<typeof ratedRequestSchema>;
