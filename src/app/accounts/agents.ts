import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AgentInput, AgentUpdate } from '../../contract/agents.js';
import { theRow } from '../../db/errors.js';
import { agents, apiTokens, contacts, sessions } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { isSupport } from '../tickets/access.js';
import { issueAccountLink } from './accountLinks.js';
import { hashPassword } from './passwords.js';

/** The support team, for assigning requests: support sees it, customers never do. */
export async function listAgents(ctx: AppContext, actor: Actor) {
  if (!isSupport(actor)) throw forbidden();
  return ctx.db
    .select({
      id: agents.id,
      name: agents.name,
      email: agents.email,
      role: agents.role,
      active: agents.active,
      directory: agents.directory,
      // The outer row named in full: drizzle writes a column of a one-table query without its table,
      // which inside the subquery would be the factor's own id.
      secondFactor: sql<boolean>`exists (select 1 from second_factors f
        where f.agent_id = "agents"."id" and f.confirmed_at is not null)`,
      secondFactorLocked: sql<boolean>`exists (select 1 from second_factors f
        where f.agent_id = "agents"."id" and f.codes_locked_at is not null)`,
    })
    .from(agents)
    .orderBy(asc(agents.name));
}

/**
 * Changes a support account: its name, role, language, or whether it may work at all. A deactivated
 * account's sessions end and its API tokens are revoked in the same transaction, so a departing engineer
 * is out at the next request; the requests they worked on keep their name. The desk always keeps one
 * active administrator.
 */
export async function updateAgent(ctx: AppContext, actor: Actor, agentId: string, input: AgentUpdate) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(agents).where(eq(agents.id, agentId)).for('update');
    if (!before) throw notFound();
    const stillAdmin = (input.role ?? before.role) === 'admin' && (input.active ?? before.active);
    if (before.role === 'admin' && before.active && !stillAdmin) {
      const others = await tx
        .select({ id: agents.id })
        .from(agents)
        .where(and(eq(agents.role, 'admin'), eq(agents.active, true), ne(agents.id, agentId)))
        .for('update');
      if (others.length === 0) throw new AppError('conflict', 'last_admin', 'role');
    }
    const [row] = await tx
      .update(agents)
      .set({ ...input, updatedAt: now })
      .where(eq(agents.id, agentId))
      .returning();
    if (!row) throw notFound();
    if (before.active && !row.active) {
      await tx.delete(sessions).where(eq(sessions.agentId, agentId));
      await tx
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.agentId, agentId), isNull(apiTokens.revokedAt)));
    }
    const view = (agent: typeof row) => ({
      id: agent.id,
      name: agent.name,
      email: agent.email,
      role: agent.role,
      active: agent.active,
    });
    await recordAudit(tx, actor, now, {
      entity: 'agent',
      entityId: row.id,
      action: 'update',
      organizationId: null,
      before: view(before),
      after: view(row),
    });
    return view(row);
  });
}

/**
 * Creates a support-team account: an administrator over the API, or the desk itself (CLI, demo loader).
 * Without a password the person is mailed an invitation to set their own.
 */
export async function createAgent(ctx: AppContext, actor: Actor, input: AgentInput) {
  requireAdmin(actor);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(eq(contacts.email, input.email));
    if (contact) throw new AppError('conflict', 'email_taken', 'email', { value: input.email });
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(agents)
            .values({
              name: input.name,
              email: input.email,
              role: input.role,
              language: input.language,
              passwordHash,
              createdAt: now,
              updatedAt: now,
            })
            .returning(),
        { agents_email_unique: { code: 'email_taken', field: 'email', value: input.email } },
      ),
    );
    const view = { id: row.id, name: row.name, email: row.email, role: row.role, language: row.language };
    if (!passwordHash) await issueAccountLink(tx, { type: 'agent', id: row.id }, 'invitation', now);
    await recordAudit(tx, actor, now, {
      entity: 'agent',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: view,
    });
    return view;
  });
}
