import { asc } from 'drizzle-orm';
import type { ProductInput } from '../../contract/products.js';
import { theRow } from '../../db/errors.js';
import { products } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { guardUnique } from '../shared/uniqueness.js';
import { productView } from '../tickets/views.js';

export async function listProducts(ctx: AppContext, _actor: Actor) {
  const rows = await ctx.db.select().from(products).orderBy(asc(products.code));
  return rows.map(productView);
}

export async function createProduct(ctx: AppContext, actor: Actor, input: ProductInput) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(products)
            .values({ ...input, createdAt: now })
            .returning(),
        {
          products_code_unique: { code: 'product_code_taken', field: 'code', value: input.code },
        },
      ),
    );
    const view = productView(row);
    await recordAudit(tx, actor, now, {
      entity: 'product',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: view,
    });
    return view;
  });
}
