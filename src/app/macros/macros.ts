import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { MacroInput, MacroUpdateInput } from '../../contract/macros.js';
import type { Queryable } from '../../db/database.js';
import { agents, macros, tags } from '../../db/schema.js';
import {
  MACRO_PURPOSES,
  MACRO_VARIABLES,
  type MacroActions,
  type MacroPurpose,
  unknownVariables,
} from '../../domain/macros/macro.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { requireSupport } from '../tickets/withTicket.js';

export type MacroRow = typeof macros.$inferSelect;

const isAdmin = (actor: Actor) =>
  actor.type === 'system' || (actor.type === 'agent' && actor.role === 'admin');
const ownerOf = (actor: Actor) => (actor.type === 'agent' ? actor.id : null);

export function macroView(row: MacroRow, reader: Actor) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    actions: row.actions,
    shared: row.ownerId === null,
    purpose: (row.purpose as MacroPurpose | null) ?? null,
    mayEdit: row.ownerId === null ? isAdmin(reader) : row.ownerId === ownerOf(reader),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The policy's own answers as shared macros, written the first time anyone asks for the macros, in the
 * team's language: an administrator edits them like any other (the checklist of §4.5 included).
 */
async function ensurePolicyMacros(db: Queryable, now: Date) {
  const t = translator('ru');
  // The catalogue's texts name the macro's own variables: each is handed itself, so that it stays a variable.
  const variables = Object.fromEntries(MACRO_VARIABLES.map((name) => [name, `{{${name}}}`]));
  const greeting = t('macros.info_request_greeting', nested(variables));
  const defaults: Record<MacroPurpose, { title: string; body: string; actions: MacroActions }> = {
    info_request: {
      title: t('macros.info_request_title'),
      body: `${greeting}\n\n${t('tickets.info_request_checklist')}`,
      actions: { status: 'waiting_for_customer' },
    },
    out_of_scope: {
      title: t('macros.out_of_scope_title'),
      body: t('tickets.out_of_scope_explanation'),
      actions: { status: 'resolved' },
    },
  };
  await db
    .insert(macros)
    .values(
      MACRO_PURPOSES.map((purpose) => ({ ...defaults[purpose], purpose, createdAt: now, updatedAt: now })),
    )
    .onConflictDoNothing({
      target: macros.purpose,
      where: sql`${macros.purpose} is not null and ${macros.ownerId} is null`,
    });
}

/** `{"a.b": v}` as `{a: {b: v}}`: how the translator reads a dotted placeholder. */
function nested(flat: Record<string, string>): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [path, value] of Object.entries(flat)) {
    const [head = '', tail = ''] = path.split('.');
    result[head] = { ...result[head], [tail]: value };
  }
  return result;
}

/** The macros a support person may use: the shared ones and their own, by title. */
export async function listMacros(ctx: AppContext, actor: Actor) {
  requireSupport(actor);
  await ensurePolicyMacros(ctx.db, ctx.clock.now());
  const owner = ownerOf(actor);
  const rows = await ctx.db
    .select()
    .from(macros)
    .where(owner ? or(isNull(macros.ownerId), eq(macros.ownerId, owner)) : isNull(macros.ownerId))
    .orderBy(asc(macros.purpose), asc(macros.title));
  return rows.map((row) => macroView(row, actor));
}

/** A macro the actor may use, or "not found" exactly as for one that does not exist. */
export async function usableMacro(db: Queryable, actor: Actor, macroId: string): Promise<MacroRow> {
  const owner = ownerOf(actor);
  const [row] = await db
    .select()
    .from(macros)
    .where(
      and(
        eq(macros.id, macroId),
        owner ? or(isNull(macros.ownerId), eq(macros.ownerId, owner)) : isNull(macros.ownerId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** Refuses a text naming a variable the desk does not fill, and actions naming what does not exist. */
async function checkMacro(db: Queryable, body: string, actions: MacroActions) {
  for (const [field, text] of [
    ['body', body],
    ['actions.note', actions.note ?? ''],
  ] as const) {
    const [unknown] = unknownVariables(text);
    if (unknown) throw new AppError('invalid', 'macro_unknown_variable', field, { value: `{{${unknown}}}` });
  }
  if (actions.assignee && actions.assignee !== 'self' && actions.assignee !== 'none') {
    const [agent] = await db
      .select({ active: agents.active })
      .from(agents)
      .where(eq(agents.id, actions.assignee));
    if (!agent?.active)
      throw new AppError('invalid', 'assignee_unknown', 'actions.assignee', { value: actions.assignee });
  }
  if (actions.tagIds?.length) {
    const known = await db.select({ id: tags.id }).from(tags).where(inArray(tags.id, actions.tagIds));
    const missing = actions.tagIds.find((tagId) => !known.some((tag) => tag.id === tagId));
    if (missing) throw new AppError('invalid', 'tag_unknown', 'actions.tagIds', { value: missing });
  }
  if (
    !body &&
    !actions.status &&
    !actions.severity &&
    !actions.assignee &&
    !actions.note &&
    !actions.tagIds?.length
  )
    throw new AppError('invalid', 'macro_empty', 'body');
}

/** A personal macro for any support person; a shared one for administrators only. */
export async function createMacro(ctx: AppContext, actor: Actor, input: MacroInput) {
  requireSupport(actor);
  if (input.shared && !isAdmin(actor)) throw forbidden();
  await checkMacro(ctx.db, input.body, input.actions);
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(macros)
    .values({
      ownerId: input.shared ? null : ownerOf(actor),
      title: input.title,
      body: input.body,
      actions: input.actions,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return macroView(row, actor);
}

async function editableMacro(db: Queryable, actor: Actor, macroId: string) {
  requireSupport(actor);
  const row = await usableMacro(db, actor, macroId);
  if (!macroView(row, actor).mayEdit) throw forbidden();
  return row;
}

export async function updateMacro(ctx: AppContext, actor: Actor, macroId: string, input: MacroUpdateInput) {
  const row = await editableMacro(ctx.db, actor, macroId);
  const next = {
    title: input.title ?? row.title,
    body: input.body ?? row.body,
    actions: input.actions ?? row.actions,
  };
  await checkMacro(ctx.db, next.body, next.actions);
  const [updated] = await ctx.db
    .update(macros)
    .set({ ...next, updatedAt: ctx.clock.now() })
    .where(eq(macros.id, row.id))
    .returning();
  if (!updated) throw notFound();
  return macroView(updated, actor);
}

/** The policy's answers are edited, never deleted: the console offers them by name. */
export async function deleteMacro(ctx: AppContext, actor: Actor, macroId: string) {
  const row = await editableMacro(ctx.db, actor, macroId);
  if (row.purpose) throw new AppError('conflict', 'macro_is_policy_answer');
  await ctx.db.delete(macros).where(eq(macros.id, row.id));
}
