import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { type ViewInput, type ViewUpdateInput, viewQueryParameters } from '../../contract/views.js';
import { savedViews } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { countTickets, type ViewCount } from './queue.js';
import { requireSupport } from './withTicket.js';

type ViewRow = typeof savedViews.$inferSelect;
type ViewQuery = ViewRow['query'];

const isAdmin = (actor: Actor) =>
  actor.type === 'system' || (actor.type === 'agent' && actor.role === 'admin');
const ownerOf = (actor: Actor) => (actor.type === 'agent' ? actor.id : null);

/**
 * A view's parameters as the queue reads them. They are kept as written (the URL's own words, so that
 * opening a view gives back the queue it was saved from) once the queue's own schema accepts them.
 */
function checkedQuery(query: ViewQuery): z.output<typeof viewQueryParameters> {
  const parsed = viewQueryParameters.safeParse(query);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new AppError('invalid', 'view_query_invalid', `query.${issue?.path.join('.') ?? ''}`, {
      value: issue?.path.join('.') ?? '',
    });
  }
  return parsed.data;
}

/** A view's badge: how many it holds, and whether counting stopped at the cap. */
const countOf = (counted: ViewCount | null) => ({
  count: counted?.count ?? null,
  countCapped: counted?.capped ?? false,
});

/** Views as the reader sees them, each with how many requests it holds now (counted in one query). */
async function withCounts(ctx: AppContext, actor: Actor, rows: ViewRow[]) {
  const parsed = rows.map((row) => viewQueryParameters.safeParse(row.query));
  const counts = await countTickets(
    ctx,
    actor,
    parsed.flatMap((result) => (result.success ? [result.data] : [])),
  );
  let next = 0;
  return rows.map((row, index) => ({
    id: row.id,
    name: row.name,
    query: row.query,
    shared: row.ownerId === null,
    position: row.position,
    mayEdit: row.ownerId === null ? isAdmin(actor) : row.ownerId === ownerOf(actor),
    ...countOf(parsed[index]?.success ? (counts[next++] ?? null) : null),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

const withCount = async (ctx: AppContext, actor: Actor, row: ViewRow) => {
  const [view] = await withCounts(ctx, actor, [row]);
  if (!view) throw new Error('a view vanished while it was counted');
  return view;
};

/** The views a support person sees in the navigation: the team's, then their own, each with its count. */
export async function listViews(ctx: AppContext, actor: Actor) {
  requireSupport(actor);
  const owner = ownerOf(actor);
  const rows = await ctx.db
    .select()
    .from(savedViews)
    .where(owner ? or(isNull(savedViews.ownerId), eq(savedViews.ownerId, owner)) : isNull(savedViews.ownerId))
    .orderBy(asc(savedViews.position), asc(savedViews.name));
  // The team's views first, then the reader's own.
  const ordered = [
    ...rows.filter((row) => row.ownerId === null),
    ...rows.filter((row) => row.ownerId !== null),
  ];
  return withCounts(ctx, actor, ordered);
}

export async function createView(ctx: AppContext, actor: Actor, input: ViewInput) {
  requireSupport(actor);
  if (input.shared && !isAdmin(actor)) throw forbidden();
  checkedQuery(input.query);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(savedViews)
    .values({
      ownerId: input.shared ? null : ownerOf(actor),
      name: input.name,
      query: input.query,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return withCount(ctx, actor, row);
}

async function editableView(ctx: AppContext, actor: Actor, viewId: string) {
  requireSupport(actor);
  const owner = ownerOf(actor);
  const [row] = await ctx.db
    .select()
    .from(savedViews)
    .where(
      and(
        eq(savedViews.id, viewId),
        owner ? or(isNull(savedViews.ownerId), eq(savedViews.ownerId, owner)) : isNull(savedViews.ownerId),
      ),
    );
  if (!row) throw notFound();
  if (row.ownerId === null && !isAdmin(actor)) throw forbidden();
  return row;
}

export async function updateView(ctx: AppContext, actor: Actor, viewId: string, input: ViewUpdateInput) {
  const row = await editableView(ctx, actor, viewId);
  if (input.query) checkedQuery(input.query);
  const [updated] = await ctx.db
    .update(savedViews)
    .set({
      name: input.name ?? row.name,
      query: input.query ?? row.query,
      position: input.position ?? row.position,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(savedViews.id, row.id))
    .returning();
  if (!updated) throw notFound();
  return withCount(ctx, actor, updated);
}

export async function deleteView(ctx: AppContext, actor: Actor, viewId: string) {
  const row = await editableView(ctx, actor, viewId);
  await ctx.db.delete(savedViews).where(eq(savedViews.id, row.id));
}
