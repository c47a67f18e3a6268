import { eq } from 'drizzle-orm';
import { insertByColumns } from '../../db/columnInsert.js';
import { attachments, auditEvents, ticketMessages, tickets } from '../../db/schema.js';
import { auditRecord } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { storeTakenFile } from '../tickets/attachments.js';
import { drawTicketNumbers } from '../tickets/ticketNumbers.js';
import { type AttachmentRow, GLPI, type SkippedRecord, type TicketPlan } from './glpiTicketPlan.js';
import { type Remembered, remember } from './importMappings.js';

/**
 * Writes a page's plans in one transaction; when it fails, ticket by ticket, so that the one that cannot
 * be written is reported and the others still go in.
 */
export async function writePlans(
  ctx: AppContext,
  importer: Actor,
  plans: TicketPlan[],
  skipped: SkippedRecord[],
) {
  if (plans.length === 0) return;
  try {
    await writeTogether(ctx, importer, plans);
  } catch {
    for (const plan of [...plans]) {
      try {
        await writeTogether(ctx, importer, [plan]);
      } catch (error) {
        skipped.push({
          kind: 'ticket',
          id: plan.glpiId,
          reason: `not written: ${failureOf(error)}`,
        });
        plans.splice(plans.indexOf(plan), 1);
      }
    }
  }
}

/** The database's own words for a failed write, not the statement it was given (files' bytes and all). */
function failureOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 300);
}

async function writeTogether(ctx: AppContext, importer: Actor, plans: TicketPlan[]) {
  const now = ctx.clock.now();
  const created = plans.filter((plan) => plan.isNew);
  // Numbered by the Moscow year each was opened in, a year's numbers drawn at once.
  const numbers = new Map<TicketPlan, string>();
  for (const year of new Set(created.map((plan) => plan.year))) {
    const ofYear = created.filter((plan) => plan.year === year);
    const drawn = await drawTicketNumbers(ctx.db, year, ofYear.length);
    for (const [index, plan] of ofYear.entries()) numbers.set(plan, drawn[index] as string);
  }
  // The files are stored first: a transaction that fails after leaves files no row names, never a row
  // without its file.
  const fileRows: AttachmentRow[] = [];
  const fileMappings: Remembered[] = [];
  for (const plan of plans) {
    for (const file of plan.files) {
      const row = await storeTakenFile(ctx, { ...file, ticketId: plan.ticket.id });
      fileRows.push(row);
      if (file.mappingKey)
        fileMappings.push({
          kind: 'document',
          externalId: file.mappingKey,
          localId: row.id as string,
          fingerprint: '',
        });
    }
  }
  await ctx.db.transaction(async (tx) => {
    if (created.length > 0) {
      await insertByColumns(
        tx,
        tickets,
        created.map((plan) => ({ ...plan.ticket, number: numbers.get(plan) as string, createdAt: now })),
      );
      await insertByColumns(
        tx,
        auditEvents,
        created.map((plan) =>
          auditRecord(importer, now, {
            entity: 'ticket',
            entityId: plan.ticket.id,
            action: 'import',
            organizationId: plan.ticket.organizationId,
            before: null,
            after: { importedFrom: GLPI, externalReference: plan.ticket.externalReference ?? null },
          }),
        ),
      );
    }
    for (const plan of plans.filter((candidate) => !candidate.isNew)) {
      const { id, ...fields } = plan.ticket;
      await tx.update(tickets).set(fields).where(eq(tickets.id, id));
    }
    await insertByColumns(
      tx,
      ticketMessages,
      plans.flatMap((plan) => plan.messages),
    );
    for (const plan of plans) {
      for (const changed of plan.changedMessages)
        await tx.update(ticketMessages).set({ body: changed.body }).where(eq(ticketMessages.id, changed.id));
    }
    if (fileRows.length > 0) await tx.insert(attachments).values(fileRows);
    await remember(tx, GLPI, [...plans.flatMap((plan) => plan.mappings), ...fileMappings], now);
  });
}
