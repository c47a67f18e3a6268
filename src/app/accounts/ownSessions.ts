import { and, desc, eq, gt, ne } from 'drizzle-orm';
import { sessions } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { digest } from '../shared/secrets.js';
import { principalIds } from './sessions.js';

/**
 * The signed-in person's own sessions (where and when they signed in, when last seen), and ending the
 * others: a lost laptop or a shared computer is signed out from here. A session is named by the digest
 * of its cookie, which signs nobody in.
 */
function ownSessions(actor: Actor) {
  const ids = principalIds(actor);
  return ids.agentId ? eq(sessions.agentId, ids.agentId) : eq(sessions.contactId, ids.contactId ?? '');
}

export async function listOwnSessions(ctx: AppContext, actor: Actor, currentToken: string | undefined) {
  const current = currentToken ? digest(currentToken) : null;
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(ownSessions(actor), gt(sessions.expiresAt, ctx.clock.now())))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({
    id: row.tokenHash,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ip: row.ip,
    userAgent: row.userAgent,
    current: row.tokenHash === current,
  }));
}

/** Ends one of the person's own sessions; another person's answers "not found". */
export async function endOwnSession(ctx: AppContext, actor: Actor, sessionId: string) {
  const ended = await ctx.db
    .delete(sessions)
    .where(and(ownSessions(actor), eq(sessions.tokenHash, sessionId)))
    .returning({ id: sessions.tokenHash });
  if (ended.length === 0) throw notFound();
  await audit(ctx, actor, ended.length);
}

/** Ends every session of the person but the one they ask from. */
export async function endOtherSessions(ctx: AppContext, actor: Actor, currentToken: string | undefined) {
  const ended = await ctx.db
    .delete(sessions)
    .where(
      currentToken
        ? and(ownSessions(actor), ne(sessions.tokenHash, digest(currentToken)))
        : ownSessions(actor),
    )
    .returning({ id: sessions.tokenHash });
  await audit(ctx, actor, ended.length);
  return { ended: ended.length };
}

async function audit(ctx: AppContext, actor: Actor, count: number) {
  if (actor.type === 'system') return;
  await recordAudit(ctx.db, actor, ctx.clock.now(), {
    entity: actor.type === 'agent' ? 'agent' : 'contact',
    entityId: actor.id,
    action: 'update',
    organizationId: actor.type === 'contact' ? actor.organizationId : null,
    before: null,
    after: { sessionsEnded: count },
  });
}
