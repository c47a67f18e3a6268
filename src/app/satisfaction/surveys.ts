import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { contacts, satisfactionSurveys, tickets } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import { enqueue, noticeEntries } from '../outbox/enqueue.js';
import { type Actor, type ContactActor, contactActor } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { newSecret } from '../shared/secrets.js';
import { type TicketRow, visibleTicket } from '../tickets/access.js';
import { genuineLink } from './ratingLinks.js';

type SurveyRow = typeof satisfactionSurveys.$inferSelect;
export type RatingChannel = 'mail' | 'portal' | 'telegram';

/**
 * How long after the resolution the customer is asked: the resolution's own notice reaches them
 * first, and a request reopened at once (the fix did not work) is not rated in the heat of it.
 */
const ASK_AFTER_MS = 60_000;

/**
 * Asks the request's contact once, at its first resolution, how well it was handled: by mail with
 * signed one-click links, in the portal, and with buttons in Telegram. A request resolved again after a
 * reopening is not asked again; an imported one, or one marked out of scope, is not asked at all.
 */
export async function askForRating(db: Queryable, now: Date, ticket: TicketRow): Promise<void> {
  if (ticket.contactId === null || ticket.importedFrom !== null || ticket.outOfScope) return;
  const [survey] = await db
    .insert(satisfactionSurveys)
    .values({
      ticketId: ticket.id,
      organizationId: ticket.organizationId,
      contactId: ticket.contactId,
      agentId: ticket.assigneeId,
      linkKey: newSecret(),
      requestedAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: satisfactionSurveys.id });
  if (!survey) return;
  const askAt = new Date(now.getTime() + ASK_AFTER_MS);
  const entries = noticeEntries(now, {
    recipient: { type: 'contact', id: ticket.contactId },
    template: 'satisfaction_request',
    params: { number: ticket.number, subject: ticket.subject, surveyId: survey.id },
    ticketId: ticket.id,
  });
  // Its own order key, so that it waits for its time without holding back the request's other notices.
  await enqueue(
    db,
    entries.map((entry) => ({ ...entry, orderKey: `${entry.orderKey}:rating`, availableAt: askAt })),
  );
}

/** What a request's rating looks like to support, and to the contact who was asked. */
export function satisfactionView(survey: SurveyRow, actor: Actor) {
  return {
    requestedAt: survey.requestedAt.toISOString(),
    score: survey.score,
    comment: survey.comment,
    channel: survey.channel as RatingChannel | null,
    ratedAt: survey.ratedAt?.toISOString() ?? null,
    mayRate: actor.type === 'contact' && actor.id === survey.contactId && survey.score === null,
  };
}

export async function surveyOfTicket(db: Queryable, ticketId: string) {
  const [survey] = await db
    .select()
    .from(satisfactionSurveys)
    .where(eq(satisfactionSurveys.ticketId, ticketId));
  return survey;
}

/**
 * Records the rating, once: a second one (a link used again, a button pressed twice) is refused. The
 * vendor's systems hear of it (ticket.satisfaction_received) and the request's history keeps it.
 */
async function recordRating(
  ctx: AppContext,
  actor: Actor,
  survey: SurveyRow,
  rating: { score: number; comment?: string | undefined; channel: RatingChannel },
) {
  const now = ctx.clock.now();
  const comment = rating.comment?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    const [rated] = await tx
      .update(satisfactionSurveys)
      .set({
        score: rating.score,
        comment,
        channel: rating.channel,
        ratedAt: now,
        commentedAt: comment ? now : null,
      })
      .where(and(eq(satisfactionSurveys.id, survey.id), isNull(satisfactionSurveys.score)))
      .returning();
    if (!rated) throw new AppError('conflict', 'rating_already_given');
    await told(tx, actor, now, rated);
    return rated;
  });
}

/** The rating's audit record and its event to the vendor's systems. */
async function told(db: Queryable, actor: Actor, now: Date, survey: SurveyRow) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, survey.ticketId));
  if (!ticket) throw notFound();
  await recordAudit(db, actor, now, {
    entity: 'ticket',
    entityId: ticket.id,
    action: 'update',
    organizationId: ticket.organizationId,
    before: { satisfaction: null },
    after: { satisfaction: survey.score, ...(survey.comment ? { satisfactionComment: survey.comment } : {}) },
  });
  await recordEvent(
    db,
    now,
    actor,
    'ticket.satisfaction_received',
    { ticket },
    {
      score: survey.score,
      comment: survey.comment,
      channel: survey.channel,
      agentId: survey.agentId,
    },
  );
}

async function surveyById(ctx: AppContext, surveyId: string) {
  const [survey] = await ctx.db
    .select()
    .from(satisfactionSurveys)
    .where(eq(satisfactionSurveys.id, surveyId));
  return survey;
}

async function surveyContact(ctx: AppContext, survey: SurveyRow): Promise<ContactActor> {
  const [row] = await ctx.db.select().from(contacts).where(eq(contacts.id, survey.contactId));
  if (!row) throw notFound();
  return contactActor(row);
}

/** A link proves its holder got the survey's mail, for that score: anything else is one refusal alike. */
async function linkedSurvey(ctx: AppContext, link: { surveyId: string; score: number; signature: string }) {
  const survey = await surveyById(ctx, link.surveyId);
  if (!survey || !genuineLink(survey.linkKey, survey.id, link.score, link.signature))
    throw new AppError('forbidden', 'rating_link_invalid');
  return survey;
}

async function ratedRequest(ctx: AppContext, survey: SurveyRow) {
  const [ticket] = await ctx.db
    .select({ number: tickets.number, subject: tickets.subject })
    .from(tickets)
    .where(eq(tickets.id, survey.ticketId));
  if (!ticket) throw notFound();
  return { number: ticket.number, subject: ticket.subject, score: survey.score, comment: survey.comment };
}

/** The one-click link of the mail: signed in or not, the link is the customer's word. */
export async function rateByLink(
  ctx: AppContext,
  link: { surveyId: string; score: number; signature: string },
) {
  const survey = await linkedSurvey(ctx, link);
  const rated = await recordRating(ctx, await surveyContact(ctx, survey), survey, {
    score: link.score,
    channel: 'mail',
  });
  return ratedRequest(ctx, rated);
}

/** The comment after a link's rating, once, with the same link as proof. */
export async function commentByLink(
  ctx: AppContext,
  input: { surveyId: string; score: number; signature: string; comment: string },
) {
  const survey = await linkedSurvey(ctx, input);
  if (survey.score !== input.score) throw new AppError('forbidden', 'rating_link_invalid');
  const now = ctx.clock.now();
  const contact = await surveyContact(ctx, survey);
  const commented = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(satisfactionSurveys)
      .set({ comment: input.comment.trim(), commentedAt: now })
      .where(
        and(
          eq(satisfactionSurveys.id, survey.id),
          isNotNull(satisfactionSurveys.score),
          isNull(satisfactionSurveys.comment),
        ),
      )
      .returning();
    if (!row) throw new AppError('conflict', 'rating_comment_given');
    await told(tx, contact, now, row);
    return row;
  });
  return ratedRequest(ctx, commented);
}

/** The portal's form on a resolved request: the contact who was asked rates it, with a comment. */
export async function rateTicket(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: { score: number; comment?: string | undefined },
) {
  if (actor.type !== 'contact') throw forbidden();
  await visibleTicket(ctx.db, actor, ticketId);
  const survey = await surveyOfTicket(ctx.db, ticketId);
  if (!survey || survey.contactId !== actor.id) throw new AppError('conflict', 'rating_not_asked');
  const rated = await recordRating(ctx, actor, survey, { ...input, channel: 'portal' });
  return satisfactionView(rated, actor);
}

/** A button under the bot's question: the chat is bound to the contact, who must be the one asked. */
export async function rateFromTelegram(
  ctx: AppContext,
  actor: ContactActor,
  surveyId: string,
  score: number,
) {
  const survey = await surveyById(ctx, surveyId);
  if (!survey || survey.contactId !== actor.id) throw forbidden();
  const rated = await recordRating(ctx, actor, survey, { score, channel: 'telegram' });
  return ratedRequest(ctx, rated);
}
