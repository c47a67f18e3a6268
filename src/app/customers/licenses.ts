import type { LicenseInput } from '../../contract/organizations.js';
import { theRow } from '../../db/errors.js';
import { findLicense, findProducts } from '../../db/repositories/entitlementRecords.js';
import { licenseProducts, licenses } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { isPeriodOrdered } from '../../domain/entitlement/period.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { licenseView } from '../tickets/views.js';
import { requireVisibleOrganization } from './organizationAccess.js';
import { visibleOrganization } from './organizations.js';

export async function createLicense(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: LicenseInput,
) {
  await visibleOrganization(ctx, actor, organizationId);
  requireAdmin(actor);
  if (!isPeriodOrdered(input)) throw new AppError('invalid', 'period_reversed', 'validTo');
  const productIds = [...new Set(input.productIds)];
  const known = new Set((await findProducts(ctx.db, productIds)).map((product) => product.id));
  const unknownIndex = input.productIds.findIndex((productId) => !known.has(productId));
  if (unknownIndex >= 0) {
    throw new AppError('invalid', 'product_unknown', `productIds.${unknownIndex}`, {
      value: input.productIds[unknownIndex] ?? '',
    });
  }

  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(licenses)
            .values({
              organizationId,
              number: input.number,
              validFrom: input.validFrom,
              validTo: input.validTo,
              createdAt: now,
            })
            .returning(),
        { licenses_number_unique: { code: 'license_number_taken', field: 'number', value: input.number } },
      ),
    );
    await tx
      .insert(licenseProducts)
      .values(productIds.map((productId) => ({ licenseId: row.id, productId })));
    const record = await findLicense(tx, row.id);
    if (!record) throw new Error('license vanished inside its own transaction');
    const view = licenseView(record, moscowDate(now));
    await recordAudit(tx, actor, now, {
      entity: 'license',
      entityId: row.id,
      action: 'create',
      organizationId,
      before: null,
      after: { ...view, status: undefined },
    });
    return view;
  });
}

export async function getLicense(ctx: AppContext, actor: Actor, licenseId: string) {
  const license = await findLicense(ctx.db, licenseId);
  if (!license) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, license.organizationId);
  return licenseView(license, moscowDate(ctx.clock.now()));
}
