import { and, asc, count, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { noticeAttachments } from '../../contract/notices.js';
import type { Queryable } from '../../db/database.js';
import { agentMailBursts, agents, outboundMail, outbox } from '../../db/schema.js';
import type { NoticeName } from '../../domain/notices/catalogue.js';
import { renderNotification } from '../../i18n/notifications.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { OutboxEntry, OutboxHandler } from '../outbox/dispatch.js';
import { enqueue, outboxEntry } from '../outbox/enqueue.js';
import { sendOnce } from './sendOnce.js';

/** The burst a support person's mail is measured over: more notices than the limit in it make a digest. */
const WINDOW_MS = 60_000;

const digestKey = (agentId: string) => `digest:${agentId}`;

/**
 * Whether a notice mail to a support person is held for a digest rather than sent: they were mailed
 * `agentDigestAfter` notices in the last minute already. A held notice waits, with the others that
 * follow, for one digest a minute later, so a sweep that finds twenty requests late sends a handful of
 * mails and one list, not twenty mails. Decided once per entry, under a lock on the person, so that
 * deliveries running side by side count each other; a retry gets the same answer.
 */
export async function holdForDigest(
  ctx: AppContext,
  entry: OutboxEntry<'notice.mail'>,
  agentId: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - WINDOW_MS);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${digestKey(agentId)}))`);
    const [decided] = await tx
      .select({ held: agentMailBursts.held })
      .from(agentMailBursts)
      .where(eq(agentMailBursts.outboxId, entry.id));
    if (decided) return decided.held;
    const [recent] = await tx
      .select({ mailed: count() })
      .from(agentMailBursts)
      .where(
        and(
          eq(agentMailBursts.agentId, agentId),
          eq(agentMailBursts.held, false),
          gt(agentMailBursts.at, since),
        ),
      );
    const held = (recent?.mailed ?? 0) >= ctx.mail.settings.agentDigestAfter;
    await tx.insert(agentMailBursts).values({
      agentId,
      outboxId: entry.id,
      held,
      ticketId: entry.payload.ticketId,
      template: entry.payload.template,
      params: entry.payload.params,
      at: now,
    });
    // The mails of bursts long past count no more.
    await tx
      .delete(agentMailBursts)
      .where(
        and(
          eq(agentMailBursts.agentId, agentId),
          eq(agentMailBursts.held, false),
          lte(agentMailBursts.at, since),
        ),
      );
    if (held) await ensureDigest(tx, agentId, now);
    return held;
  });
}

/** One digest waits for each person at a time, a minute after the first notice it holds. */
async function ensureDigest(tx: Queryable, agentId: string, now: Date) {
  const [pending] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.topic, 'mail.agent_digest'),
        eq(outbox.orderKey, digestKey(agentId)),
        isNull(outbox.deliveredAt),
        isNull(outbox.failedAt),
      ),
    );
  if (pending) return;
  await enqueue(tx, [
    outboxEntry(
      now,
      'mail.agent_digest',
      { agentId },
      digestKey(agentId),
      new Date(now.getTime() + WINDOW_MS),
    ),
  ]);
}

/** The held notices of one support person, in one mail: each as its own mail would have said it, with its link. */
export const mailAgentDigest: OutboxHandler<'mail.agent_digest'> = async (ctx, entry) => {
  const { agentId } = entry.payload;
  const [agent] = await ctx.db
    .select({ email: agents.email, language: agents.language, active: agents.active })
    .from(agents)
    .where(eq(agents.id, agentId));
  const items = await ctx.db
    .select()
    .from(agentMailBursts)
    .where(and(eq(agentMailBursts.agentId, agentId), eq(agentMailBursts.held, true)))
    .orderBy(asc(agentMailBursts.at), asc(agentMailBursts.outboxId));
  const done = async () => {
    if (items.length === 0) return;
    await ctx.db.delete(agentMailBursts).where(
      inArray(
        agentMailBursts.id,
        items.map((item) => item.id),
      ),
    );
  };
  if (!agent?.active) return done();
  const [written] = await ctx.db
    .select({ id: outboundMail.id })
    .from(outboundMail)
    .where(eq(outboundMail.outboxId, entry.id));
  // Nothing held (another digest took it all), and nothing written the first time: nothing to send.
  if (items.length === 0 && !written) return;
  await sendOnce(
    ctx,
    entry,
    async () => {
      const t = translator(agent.language);
      const lines = items.map((item) => {
        const params = item.params as Record<string, string | number | null>;
        const notice = renderNotification(item.template, params, agent.language);
        const { number } = noticeAttachments({ template: item.template as NoticeName, params });
        return number ? `— ${notice}\n  ${ctx.mail.settings.webUrl}/requests/${number}` : `— ${notice}`;
      });
      return {
        to: agent.email,
        subject: t('mail.agent_digest_subject', { count: items.length }),
        text: [t('mail.agent_digest_intro'), lines.join('\n\n'), `-- \n${t('mail.signature_agent')}`].join(
          '\n\n',
        ),
        inReplyTo: null,
        references: [],
        automatic: true,
      };
    },
    null,
  );
  await done();
};
