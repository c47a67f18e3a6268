import { eq } from 'drizzle-orm';
import { agents, partnerOrganizations } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { visibleOrganization } from './organizations.js';

async function partnerNamed(ctx: AppContext, agentId: string) {
  const [partner] = await ctx.db.select().from(agents).where(eq(agents.id, agentId));
  if (partner?.role !== 'partner')
    throw new AppError('invalid', 'assignee_unknown', 'agentId', { value: agentId });
  return partner;
}

/** The customer organizations a partner engineer works for now (administrators). */
export async function getPartnerOrganizations(ctx: AppContext, actor: Actor, agentId: string) {
  requireAdmin(actor);
  await partnerNamed(ctx, agentId);
  const rows = await ctx.db
    .select({ organizationId: partnerOrganizations.organizationId })
    .from(partnerOrganizations)
    .where(eq(partnerOrganizations.agentId, agentId));
  return { agentId, organizationIds: rows.map((row) => row.organizationId).sort() };
}

/** Sets the customer organizations a partner engineer works for (§2.6); they see those tickets only. */
export async function setPartnerOrganizations(
  ctx: AppContext,
  actor: Actor,
  agentId: string,
  organizationIds: readonly string[],
) {
  requireAdmin(actor);
  await partnerNamed(ctx, agentId);
  for (const organizationId of organizationIds) await visibleOrganization(ctx, actor, organizationId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const before = await tx
      .select()
      .from(partnerOrganizations)
      .where(eq(partnerOrganizations.agentId, agentId));
    await tx.delete(partnerOrganizations).where(eq(partnerOrganizations.agentId, agentId));
    const distinct = [...new Set(organizationIds)];
    if (distinct.length > 0) {
      await tx
        .insert(partnerOrganizations)
        .values(distinct.map((organizationId) => ({ agentId, organizationId })));
    }
    await recordAudit(tx, actor, now, {
      entity: 'partner_assignment',
      entityId: agentId,
      action: 'update',
      organizationId: null,
      before: { organizationIds: before.map((row) => row.organizationId).sort() },
      after: { organizationIds: distinct.sort() },
    });
    return { agentId, organizationIds: distinct };
  });
}
