import type { InstanceInput } from '../../contract/organizations.js';
import { theRow } from '../../db/errors.js';
import { findInstance, findProducts } from '../../db/repositories/entitlementRecords.js';
import { instances } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { instanceView } from '../tickets/views.js';
import { requireVisibleOrganization } from './organizationAccess.js';
import { visibleOrganization } from './organizations.js';

export async function createInstance(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: InstanceInput,
) {
  await visibleOrganization(ctx, actor, organizationId);
  requireAdmin(actor);
  const [product] = await findProducts(ctx.db, [input.productId]);
  if (!product) throw new AppError('invalid', 'product_unknown', 'productId', { value: input.productId });

  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(instances)
            .values({ ...input, organizationId, createdAt: now })
            .returning(),
        { instances_org_name_unique: { code: 'instance_name_taken', field: 'name', value: input.name } },
      ),
    );
    const view = instanceView(row);
    await recordAudit(tx, actor, now, {
      entity: 'instance',
      entityId: row.id,
      action: 'create',
      organizationId,
      before: null,
      after: view,
    });
    return view;
  });
}

export async function getInstance(ctx: AppContext, actor: Actor, instanceId: string) {
  const instance = await findInstance(ctx.db, instanceId);
  if (!instance) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, instance.organizationId);
  return instanceView(instance);
}
