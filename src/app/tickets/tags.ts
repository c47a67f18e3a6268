import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tag, TagInput } from '../../contract/tags.js';
import type { Queryable } from '../../db/database.js';
import { tags, ticketTags } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { requireOperation, type TicketRow } from './access.js';
import { auditTicket, type TransitionContext } from './state.js';
import { requireSupport, ticketAction } from './withTicket.js';

type TagRow = typeof tags.$inferSelect;
const tagView = (row: TagRow) => ({ id: row.id, name: row.name, color: row.color as TagInput['color'] });

const nameRule = (input: TagInput) => ({
  tags_name_unique: { code: 'tag_name_taken', field: 'name', value: input.name },
});

export async function listTags(ctx: AppContext, actor: Actor) {
  requireSupport(actor);
  const rows = await ctx.db.select().from(tags).orderBy(asc(tags.name));
  return rows.map(tagView);
}

export async function createTag(ctx: AppContext, actor: Actor, input: TagInput) {
  requireAdmin(actor);
  const [row] = await guardUnique(
    () =>
      ctx.db
        .insert(tags)
        .values({ name: input.name, color: input.color, createdAt: ctx.clock.now() })
        .returning(),
    nameRule(input),
  );
  if (!row) throw new Error('insert returned no row');
  return tagView(row);
}

export async function updateTag(ctx: AppContext, actor: Actor, tagId: string, input: TagInput) {
  requireAdmin(actor);
  const [row] = await guardUnique(
    () =>
      ctx.db.update(tags).set({ name: input.name, color: input.color }).where(eq(tags.id, tagId)).returning(),
    nameRule(input),
  );
  if (!row) throw notFound();
  return tagView(row);
}

/** A tag retired from the list leaves every request it was on. */
export async function deleteTag(ctx: AppContext, actor: Actor, tagId: string) {
  requireAdmin(actor);
  const [row] = await ctx.db.delete(tags).where(eq(tags.id, tagId)).returning({ id: tags.id });
  if (!row) throw notFound();
}

/** Correlated by name: `tickets.id` is the row of the list that holds this column. */
const listedTicketTags: SQL<Tag[]> = sql`coalesce((select json_agg(json_build_object('id', listed_tag.id,
  'name', listed_tag.name, 'color', listed_tag.color) order by listed_tag.name)
  from ticket_tags join tags as listed_tag on listed_tag.id = ticket_tags.tag_id
  where ticket_tags.ticket_id = tickets.id), '[]'::json)`;

/**
 * The tags on the request a row of `tickets` holds, in tagsOfTickets' order, as a column of the query
 * that lists the requests: a page of the queue reads them in its own round trip. Tags are support's: a
 * contact's lists carry none and read none.
 */
export const listedTagsFor = (reader: Actor): SQL<Tag[]> =>
  reader.type === 'contact' ? sql`'[]'::json` : listedTicketTags;

/** The tags on each of these requests, by request id. */
export async function tagsOfTickets(db: Queryable, ticketIds: readonly string[]) {
  const byTicket = new Map<string, ReturnType<typeof tagView>[]>();
  if (ticketIds.length === 0) return byTicket;
  const rows = await db
    .select({ ticketId: ticketTags.ticketId, tag: tags })
    .from(ticketTags)
    .innerJoin(tags, eq(tags.id, ticketTags.tagId))
    .where(inArray(ticketTags.ticketId, [...ticketIds]))
    .orderBy(asc(tags.name));
  for (const row of rows)
    byTicket.set(row.ticketId, [...(byTicket.get(row.ticketId) ?? []), tagView(row.tag)]);
  return byTicket;
}

/** Puts tags from the list on a request the caller holds; one it already carries stays as it was. */
export async function addTicketTags(
  context: TransitionContext,
  ticket: TicketRow,
  tagIds: readonly string[],
) {
  const known = await context.db
    .select()
    .from(tags)
    .where(inArray(tags.id, [...tagIds]));
  const missing = tagIds.find((tagId) => !known.some((tag) => tag.id === tagId));
  if (missing) throw new AppError('invalid', 'tag_unknown', 'tagIds', { value: missing });
  const added = await context.db
    .insert(ticketTags)
    .values(known.map((tag) => ({ ticketId: ticket.id, tagId: tag.id, createdAt: context.now })))
    .onConflictDoNothing()
    .returning({ tagId: ticketTags.tagId });
  if (added.length > 0) {
    const names = known.filter((tag) => added.some((row) => row.tagId === tag.id)).map((tag) => tag.name);
    await auditTicket(context, ticket, null, { tagsAdded: names });
    await recordEvent(context.db, context.now, context.actor, 'ticket.tagged', { ticket }, { tags: names });
  }
  return ticket;
}

export const tagTicket = ticketAction(
  { supportOnly: true },
  (context, ticket, input: { tagIds: string[] }) => {
    requireOperation(context.actor, ticket, 'tag');
    return addTicketTags(context, ticket, input.tagIds);
  },
);

export const untagTicket = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: { tagId: string }) => {
    requireOperation(context.actor, ticket, 'tag');
    const removed = await context.db
      .delete(ticketTags)
      .where(and(eq(ticketTags.ticketId, ticket.id), eq(ticketTags.tagId, input.tagId)))
      .returning({ tagId: ticketTags.tagId });
    if (removed.length === 0) throw notFound();
    await auditTicket(context, ticket, { tag: input.tagId }, { tagRemoved: input.tagId });
    const [tag] = await context.db.select({ name: tags.name }).from(tags).where(eq(tags.id, input.tagId));
    await recordEvent(
      context.db,
      context.now,
      context.actor,
      'ticket.untagged',
      { ticket },
      {
        tags: tag ? [tag.name] : [],
      },
    );
    return ticket;
  },
);
