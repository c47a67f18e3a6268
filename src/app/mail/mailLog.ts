import { desc } from 'drizzle-orm';
import { inboundMail, outboundMail } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** The mail the desk sent or keeps, newest first: what a customer was told, and whether it left. */
export async function listOutboundMail(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(outboundMail)
    .orderBy(desc(outboundMail.createdAt))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text,
    messageId: row.messageId,
    transport: row.transport,
    createdAt: row.createdAt.toISOString(),
    sentAt: iso(row.sentAt),
    sendAttempts: row.sendAttempts,
  }));
}

/** The mail the desk received, newest first, with what became of each and why. */
export async function listInboundMail(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(inboundMail)
    .orderBy(desc(inboundMail.receivedAt))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    messageId: row.messageId,
    receivedAt: row.receivedAt.toISOString(),
    via: row.via,
    sender: row.sender,
    subject: row.subject,
    authentication: row.authentication,
    outcome: row.outcome,
    reason: row.reason,
    ticketId: row.ticketId,
  }));
}
