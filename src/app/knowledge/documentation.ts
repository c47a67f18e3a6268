import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DocumentationInput } from '../../contract/documentation.js';
import { documentationPages, products, suggestionOpens } from '../../db/schema.js';
import { anyWordQuery } from '../../db/searchDocuments.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type SupportRefusal, supportRefusals } from '../customers/coverage.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';

type PageRow = typeof documentationPages.$inferSelect;

const view = (
  ctx: Pick<AppContext, 'markdown'>,
  row: PageRow,
  product: { id: string; code: string; name: string },
  refusal: SupportRefusal,
) => ({
  id: row.id,
  product,
  title: row.title,
  kind: row.url ? ('link' as const) : ('page' as const),
  available: refusal === null,
  refusal,
  // What the page says is for customers with active support; others see that it exists, and why not.
  url: refusal === null ? row.url : null,
  body: refusal === null ? row.body : null,
  bodyHtml: refusal === null && row.body !== null ? ctx.markdown(row.body) : null,
});

export async function createDocumentationPage(ctx: AppContext, actor: Actor, input: DocumentationInput) {
  requireAdmin(actor);
  const [product] = await ctx.db.select().from(products).where(eq(products.id, input.productId));
  if (!product) throw new AppError('invalid', 'product_unknown', 'productId', { value: input.productId });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(documentationPages)
      .values({
        productId: input.productId,
        title: input.title,
        url: input.url ?? null,
        body: input.url ? null : (input.body ?? ''),
        position: input.position,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, now, {
      entity: 'documentation_page',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: { productId: row.productId, title: row.title, url: row.url },
    });
    return view(ctx, row, { id: product.id, code: product.code, name: product.name }, null);
  });
}

/** Pages with the product each documents, as every reader of the section reads them. */
const pagesWithProducts = (ctx: AppContext) =>
  ctx.db
    .select({
      page: documentationPages,
      product: { id: products.id, code: products.code, name: products.name },
    })
    .from(documentationPages)
    .innerJoin(products, eq(products.id, documentationPages.productId));

/** The documentation section, product by product; a customer reads the products their support covers. */
export async function listDocumentation(ctx: AppContext, actor: Actor) {
  const rows = await pagesWithProducts(ctx).orderBy(
    asc(products.code),
    asc(documentationPages.position),
    asc(documentationPages.title),
  );
  const refusalFor = await supportRefusals(ctx, actor);
  return rows.map(({ page, product }) => view(ctx, page, product, refusalFor(product.id)));
}

/** How many pages are suggested beside a request being written. */
const SUGGESTED = 5;

/**
 * The pages that may answer what a customer is about to ask (the subject they are typing), best first,
 * among those they may read: any of its words, stemmed as request search stems them.
 */
export async function suggestDocumentation(ctx: AppContext, actor: Actor, typed: string) {
  if (typed.trim().length < 3) return [];
  const query = anyWordQuery(typed);
  // Only the products the reader may read are searched: a page they cannot open never takes a place.
  const refusalFor = await supportRefusals(ctx, actor);
  const readable = (await ctx.db.select({ id: products.id }).from(products))
    .map((product) => product.id)
    .filter((productId) => refusalFor(productId) === null);
  if (readable.length === 0) return [];
  const rows = await pagesWithProducts(ctx)
    .where(
      and(
        sql`${documentationPages.searchDocument} @@ ${query}`,
        inArray(documentationPages.productId, readable),
      ),
    )
    .orderBy(sql`ts_rank(${documentationPages.searchDocument}, ${query}) desc`, asc(documentationPages.title))
    .limit(SUGGESTED);
  return rows.map(({ page, product }) => view(ctx, page, product, null));
}

/** One page, whole, or the reason a customer may not read it now. */
export async function getDocumentationPage(ctx: AppContext, actor: Actor, pageId: string) {
  const [row] = await pagesWithProducts(ctx).where(eq(documentationPages.id, pageId));
  if (!row) throw notFound();
  const refusal = (await supportRefusals(ctx, actor))(row.product.id);
  if (refusal) throw new AppError('forbidden', refusal);
  return view(ctx, row.page, row.product, null);
}

/**
 * Records that a customer opened a page suggested while they wrote a request: the deflection report
 * counts whether a request followed. Only a page the customer may read counts.
 */
export async function recordSuggestionOpened(ctx: AppContext, actor: Actor, pageId: string, typed: string) {
  if (actor.type !== 'contact') throw forbidden();
  await getDocumentationPage(ctx, actor, pageId);
  await ctx.db.insert(suggestionOpens).values({
    pageId,
    contactId: actor.id,
    organizationId: actor.organizationId,
    typed,
    openedAt: ctx.clock.now(),
  });
}
