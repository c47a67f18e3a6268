import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { organizations, partnerOrganizations } from '../../db/schema.js';
import type { Actor } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';

const isPartner = (actor: Actor): actor is Extract<Actor, { type: 'agent' }> =>
  actor.type === 'agent' && actor.role === 'partner';

/**
 * Whose records an actor may read: the vendor's team every customer's, a partner engineer those of the
 * organizations assigned to them (§2.6), a contact its own. Anything else answers "not found", exactly
 * as if it did not exist, so nobody learns which objects other customers have.
 */
export async function requireVisibleOrganization(db: Queryable, actor: Actor, organizationId: string) {
  if (actor.type === 'contact') {
    if (actor.organizationId !== organizationId) throw notFound();
    return;
  }
  if (!isPartner(actor)) return;
  const [assigned] = await db
    .select({ organizationId: partnerOrganizations.organizationId })
    .from(partnerOrganizations)
    .where(
      and(
        eq(partnerOrganizations.agentId, actor.id),
        eq(partnerOrganizations.organizationId, organizationId),
      ),
    );
  if (!assigned) throw notFound();
}

/** The same rule as a condition on the organizations table, for lists. */
export function visibleOrganizationsCondition(actor: Actor): SQL | undefined {
  if (actor.type === 'contact') return eq(organizations.id, actor.organizationId);
  if (isPartner(actor)) {
    return sql`${organizations.id} in (select ${partnerOrganizations.organizationId} from ${partnerOrganizations} where ${partnerOrganizations.agentId} = ${actor.id})`;
  }
  return undefined;
}
