import { entitlementFacts, type InstanceRow, instancesOf } from '../../db/repositories/entitlementRecords.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { positionInPeriod } from '../../domain/entitlement/period.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';

/** Why a customer may not have what comes with active support for a product now, or null when they may. */
export type SupportRefusal =
  | 'release_not_covered'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | null;

export interface OrganizationSupport {
  /** The instances a certificate valid that day covers, the most likely first: highest level, then production. */
  coveredInstances: InstanceRow[];
  /** Whether support is active for a product: a certificate valid that day covers one of its instances. */
  refusalFor(productId: string): SupportRefusal;
}

/**
 * What an organization's certificates cover on a Moscow day, read once: channels that cannot ask in a
 * form (mail, the bot) offer or assume its covered instances, and releases (§3.4) and documentation
 * (§3.1) are open for the products it covers.
 */
export async function organizationSupport(
  ctx: AppContext,
  organizationId: string,
  at: Date,
): Promise<OrganizationSupport> {
  const day = moscowDate(at);
  const [instances, { certificates }] = await Promise.all([
    instancesOf(ctx.db, organizationId),
    entitlementFacts(ctx.db, organizationId),
  ]);
  const positioned = certificates.map((certificate) => ({
    certificate,
    position: positionInPeriod(certificate, day),
  }));
  const valid = positioned
    .filter(({ position }) => position === 'within')
    .map(({ certificate }) => certificate)
    .sort((a, b) => (a.level === b.level ? 0 : a.level === 'extended' ? -1 : 1));
  const rank = (id: string) => valid.findIndex((certificate) => certificate.instanceIds.includes(id));
  const coveredInstances = instances
    .filter((instance) => rank(instance.id) >= 0)
    .sort(
      (a, b) =>
        rank(a.id) - rank(b.id) ||
        Number(b.environment === 'production') - Number(a.environment === 'production'),
    );
  return {
    coveredInstances,
    refusalFor(productId) {
      const ofProduct = new Set(
        instances.filter((instance) => instance.productId === productId).map((instance) => instance.id),
      );
      const positions = positioned
        .filter(({ certificate }) => certificate.instanceIds.some((id) => ofProduct.has(id)))
        .map(({ position }) => position);
      if (positions.includes('within')) return null;
      if (positions.includes('before')) return 'certificate_not_yet_valid';
      if (positions.includes('after')) return 'certificate_expired';
      return 'release_not_covered';
    },
  };
}

/** The refusals of an actor by product, the organization read once: support staff are never refused. */
export async function supportRefusals(
  ctx: AppContext,
  actor: Actor,
): Promise<(productId: string) => SupportRefusal> {
  if (actor.type !== 'contact') return () => null;
  const support = await organizationSupport(ctx, actor.organizationId, ctx.clock.now());
  return (productId) => support.refusalFor(productId);
}
