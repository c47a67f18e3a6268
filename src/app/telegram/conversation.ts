import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { telegramConversations } from '../../db/schema.js';
import { SEVERITIES } from '../../domain/sla/policy.js';
import type { Dialogue } from '../../domain/telegram/dialogue.js';
import type { AppContext } from '../context.js';

/** A stored dialogue as it must be to be resumed; a row of another shape (an older bot) starts afresh. */
const storedDialogue = z.discriminatedUnion('step', [
  z.object({ step: z.literal('draft_pending') }),
  z.object({ step: z.literal('draft'), text: z.string() }),
  z.object({ step: z.literal('draft_asked'), text: z.string() }),
  z.object({
    step: z.literal('instance'),
    subject: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({
    step: z.literal('severity'),
    instanceId: z.string(),
    subject: z.string().optional(),
    description: z.string().optional(),
  }),
  z.object({ step: z.literal('subject'), instanceId: z.string(), severity: z.enum(SEVERITIES) }),
  z.object({
    step: z.literal('description'),
    instanceId: z.string(),
    severity: z.enum(SEVERITIES),
    subject: z.string(),
    attachmentIds: z.array(z.string()).default([]),
  }),
]);

export async function dialogueOf(ctx: AppContext, telegramUserId: number): Promise<Dialogue | null> {
  const [row] = await ctx.db
    .select()
    .from(telegramConversations)
    .where(eq(telegramConversations.telegramUserId, telegramUserId));
  if (!row) return null;
  const parsed = storedDialogue.safeParse({ ...(row.data as object), step: row.step });
  return parsed.success ? parsed.data : null;
}

/** Stores where the user is now; the dialogue being over removes it. */
export async function saveDialogue(ctx: AppContext, telegramUserId: number, dialogue: Dialogue | null) {
  if (!dialogue) {
    await ctx.db
      .delete(telegramConversations)
      .where(eq(telegramConversations.telegramUserId, telegramUserId));
    return;
  }
  const { step, ...data } = dialogue;
  const values = { step, data, updatedAt: ctx.clock.now() };
  await ctx.db
    .insert(telegramConversations)
    .values({ telegramUserId, ...values })
    .onConflictDoUpdate({ target: telegramConversations.telegramUserId, set: values });
}

/**
 * Drafts written outside the bot's hours and not yet offered for registration, each claimed (moved
 * to `draft_asked`) in the same statement, so that two instances never offer one draft twice.
 */
export async function claimDraftsToOffer(ctx: AppContext) {
  const rows = await ctx.db
    .update(telegramConversations)
    .set({ step: 'draft_asked', updatedAt: ctx.clock.now() })
    .where(eq(telegramConversations.step, 'draft'))
    .returning({ telegramUserId: telegramConversations.telegramUserId, data: telegramConversations.data });
  return rows.map((row) => ({
    telegramUserId: row.telegramUserId,
    draft: String((row.data as { text?: string }).text ?? ''),
  }));
}
