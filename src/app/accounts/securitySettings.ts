import { and, eq, isNotNull } from 'drizzle-orm';
import type { SecuritySettings } from '../../contract/auth.js';
import type { Queryable } from '../../db/database.js';
import { deskSettings, secondFactors } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';

/** The key of the one security setting so far; the per-request check reads the same row (auth.ts). */
export const STAFF_SECOND_FACTOR_KEY = 'staff_second_factor_required';

export async function staffSecondFactorRequired(db: Queryable): Promise<boolean> {
  const [row] = await db
    .select({ value: deskSettings.value })
    .from(deskSettings)
    .where(eq(deskSettings.key, STAFF_SECOND_FACTOR_KEY));
  return row?.value === true;
}

async function lacksSecondFactor(db: Queryable, actor: { id: string }) {
  const [factor] = await db
    .select({ id: secondFactors.id })
    .from(secondFactors)
    .where(and(eq(secondFactors.agentId, actor.id), isNotNull(secondFactors.confirmedAt)));
  return !factor;
}

export async function getSecuritySettings(ctx: AppContext, actor: Actor): Promise<SecuritySettings> {
  requireAdmin(actor);
  return { staffSecondFactorRequired: await staffSecondFactorRequired(ctx.db) };
}

/**
 * An administrator requires two-factor sign-in of every staff account, having enrolled their own first.
 * From the next request on, a signed-in engineer without an authenticator can do nothing but enrol one
 * (or sign out).
 */
export async function updateSecuritySettings(ctx: AppContext, actor: Actor, input: SecuritySettings) {
  requireAdmin(actor);
  if (input.staffSecondFactorRequired && actor.type === 'agent' && (await lacksSecondFactor(ctx.db, actor))) {
    throw new AppError('conflict', 'second_factor_enrol_first');
  }
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await staffSecondFactorRequired(tx);
    await tx
      .insert(deskSettings)
      .values({ key: STAFF_SECOND_FACTOR_KEY, value: input.staffSecondFactorRequired, updatedAt: now })
      .onConflictDoUpdate({
        target: deskSettings.key,
        set: { value: input.staffSecondFactorRequired, updatedAt: now },
      });
    await recordAudit(tx, actor, now, {
      entity: 'desk_settings',
      entityId: STAFF_SECOND_FACTOR_KEY,
      action: 'update',
      organizationId: null,
      before: { staffSecondFactorRequired: before },
      after: { staffSecondFactorRequired: input.staffSecondFactorRequired },
    });
  });
  return input;
}
