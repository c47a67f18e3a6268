import { entitlementFacts, type InstanceRow, instancesOf } from '../db/repositories/entitlementRecords.js';
import { moscowDate } from '../domain/calendar/moscowTime.js';
import { positionInPeriod } from '../domain/entitlement/period.js';
import type { AppContext } from './context.js';

/**
 * An organization's instances that a certificate valid on that Moscow day covers, the most likely
 * first: the highest level, then production. Channels that cannot ask in a form (mail, the bot) offer
 * or assume these.
 */
export async function coveredInstances(
  ctx: AppContext,
  organizationId: string,
  at: Date,
): Promise<InstanceRow[]> {
  const day = moscowDate(at);
  const [instances, { certificates }] = await Promise.all([
    instancesOf(ctx.db, organizationId),
    entitlementFacts(ctx.db, organizationId),
  ]);
  const valid = certificates
    .filter((certificate) => positionInPeriod(certificate, day) === 'within')
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'extended' ? -1 : 1));
  const rank = (id: string) => valid.findIndex((certificate) => certificate.instanceIds.includes(id));
  return instances
    .filter((instance) => rank(instance.id) >= 0)
    .sort(
      (a, b) =>
        rank(a.id) - rank(b.id) ||
        Number(b.environment === 'production') - Number(a.environment === 'production'),
    );
}
