import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import {
  accountLinks,
  apiTokens,
  attachments,
  auditEvents,
  contacts,
  inboundMail,
  mailRefusals,
  notifications,
  organizations,
  outboundMail,
  satisfactionSurveys,
  secondFactors,
  sessions,
  suggestionOpens,
  telegramConversations,
  telegramLinks,
  ticketMessages,
  tickets,
} from '../../db/schema.js';
import { ERASED_CONTACT_NAME, erasedContactEmail } from '../../domain/people.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { eraseSenderMail } from '../mail/erasedMail.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';

async function contactRow(ctx: AppContext, contactId: string) {
  const [row] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!row) throw notFound();
  return row;
}

const sameAddress = (column: typeof inboundMail.sender | typeof outboundMail.recipient, email: string) =>
  sql`lower(${column}) = lower(${email})`;

/**
 * Everything the desk holds about one contact, as one document (152-FZ, art. 14): the record, the
 * Telegram binding, sessions and tokens, their requests with the conversation they see, the files they
 * sent, the mail from and to them, their notifications, and the audit trail about them. Audited.
 */
export async function exportContactData(ctx: AppContext, actor: Actor, contactId: string) {
  requireAdmin(actor);
  const contact = await contactRow(ctx, contactId);
  const db = ctx.db;
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name, inn: organizations.inn })
    .from(organizations)
    .where(eq(organizations.id, contact.organizationId));
  const filed = await db
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      description: tickets.description,
      status: tickets.status,
      channel: tickets.channel,
      severity: tickets.severity,
      registeredAt: tickets.registeredAt,
    })
    .from(tickets)
    .where(eq(tickets.contactId, contactId))
    .orderBy(asc(tickets.registeredAt));
  const ticketIds = filed.map((ticket) => ticket.id);
  const messages = ticketIds.length
    ? await db
        .select({
          ticketId: ticketMessages.ticketId,
          authorType: ticketMessages.authorType,
          authorName: ticketMessages.authorName,
          kind: ticketMessages.kind,
          body: ticketMessages.body,
          channel: ticketMessages.channel,
          createdAt: ticketMessages.createdAt,
        })
        .from(ticketMessages)
        .where(and(inArray(ticketMessages.ticketId, ticketIds), eq(ticketMessages.visibility, 'public')))
        .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.sequence))
    : [];
  const now = ctx.clock.now();
  const document = {
    exportedAt: now.toISOString(),
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      language: contact.language,
      active: contact.active,
      portalPasswordSet: contact.passwordHash !== null,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
      erasedAt: contact.erasedAt?.toISOString() ?? null,
    },
    organization,
    telegram: await db
      .select({
        telegramUserId: telegramLinks.telegramUserId,
        chatId: telegramLinks.chatId,
        linkedAt: telegramLinks.linkedAt,
      })
      .from(telegramLinks)
      .where(eq(telegramLinks.contactId, contactId)),
    sessions: await db
      .select({
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(eq(sessions.contactId, contactId)),
    apiTokens: await db
      .select({
        name: apiTokens.name,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
        revokedAt: apiTokens.revokedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.contactId, contactId)),
    requests: filed.map(({ id, ...ticket }) => ({
      ...ticket,
      messages: messages
        .filter((message) => message.ticketId === id)
        .map(({ ticketId, ...message }) => message),
    })),
    files: await db
      .select({
        fileName: attachments.fileName,
        contentType: attachments.contentType,
        size: attachments.size,
        createdAt: attachments.createdAt,
      })
      .from(attachments)
      .where(and(eq(attachments.uploaderType, 'contact'), eq(attachments.uploaderId, contactId))),
    ratings: await db
      .select({
        ticketId: satisfactionSurveys.ticketId,
        requestedAt: satisfactionSurveys.requestedAt,
        score: satisfactionSurveys.score,
        comment: satisfactionSurveys.comment,
        channel: satisfactionSurveys.channel,
        ratedAt: satisfactionSurveys.ratedAt,
      })
      .from(satisfactionSurveys)
      .where(eq(satisfactionSurveys.contactId, contactId)),
    suggestedPagesOpened: await db
      .select({
        pageId: suggestionOpens.pageId,
        typed: suggestionOpens.typed,
        openedAt: suggestionOpens.openedAt,
      })
      .from(suggestionOpens)
      .where(eq(suggestionOpens.contactId, contactId)),
    mailReceived: await db
      .select({
        subject: inboundMail.subject,
        receivedAt: inboundMail.receivedAt,
        outcome: inboundMail.outcome,
        messageId: inboundMail.messageId,
      })
      .from(inboundMail)
      .where(sameAddress(inboundMail.sender, contact.email)),
    mailSent: await db
      .select({
        subject: outboundMail.subject,
        createdAt: outboundMail.createdAt,
        sentAt: outboundMail.sentAt,
      })
      .from(outboundMail)
      .where(sameAddress(outboundMail.recipient, contact.email)),
    notifications: await db
      .select({
        template: notifications.template,
        params: notifications.params,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(and(eq(notifications.recipientType, 'contact'), eq(notifications.recipientId, contactId))),
    audit: await db
      .select({
        at: auditEvents.at,
        actor: auditEvents.actorLabel,
        entity: auditEvents.entity,
        action: auditEvents.action,
        before: auditEvents.before,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .where(
        or(
          eq(auditEvents.actorId, contactId),
          and(eq(auditEvents.entity, 'contact'), eq(auditEvents.entityId, contactId)),
        ),
      )
      .orderBy(asc(auditEvents.sequence)),
  };
  await recordAudit(ctx.db, actor, now, {
    entity: 'contact',
    entityId: contactId,
    action: 'export',
    organizationId: contact.organizationId,
    before: null,
    after: { personalData: 'exported' },
  });
  return document;
}

/** A snapshot in the audit log without the person's name, address and phone. */
const withoutPersonalData = (column: typeof auditEvents.before | typeof auditEvents.after) =>
  sql`case when ${column} is null then null else ${column} - 'name' - 'email' - 'phone' end`;

/**
 * Erases a departed contact's personal data (152-FZ, art. 21): name, e-mail and phone, the Telegram
 * binding, every way to sign in, and their name and address wherever the desk copied them (messages'
 * authors, the mail logs, the audit trail). The requests stay for the reports, from an erased contact.
 * The administrator confirms by typing the contact's address. Audited, without the data erased.
 */
export async function eraseContact(ctx: AppContext, actor: Actor, contactId: string, confirmation: string) {
  requireAdmin(actor);
  const contact = await contactRow(ctx, contactId);
  if (contact.erasedAt) throw new AppError('conflict', 'contact_erased');
  if (confirmation.trim().toLowerCase() !== contact.email.toLowerCase()) {
    throw new AppError('invalid', 'erasure_confirmation_mismatch', 'email');
  }
  const now = ctx.clock.now();
  const erasedEmail = erasedContactEmail(contactId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(contacts)
      .set({
        name: ERASED_CONTACT_NAME,
        email: erasedEmail,
        phone: null,
        passwordHash: null,
        active: false,
        suspendedWithOrganization: false,
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(contacts.id, contactId));
    const links = await tx
      .delete(telegramLinks)
      .where(eq(telegramLinks.contactId, contactId))
      .returning({ telegramUserId: telegramLinks.telegramUserId });
    if (links.length > 0) {
      await tx.delete(telegramConversations).where(
        inArray(
          telegramConversations.telegramUserId,
          links.map((link) => link.telegramUserId),
        ),
      );
    }
    for (const table of [sessions, apiTokens, accountLinks, secondFactors]) {
      await tx.delete(table).where(eq(table.contactId, contactId));
    }
    await tx
      .update(ticketMessages)
      .set({ authorName: ERASED_CONTACT_NAME })
      .where(and(eq(ticketMessages.authorType, 'contact'), eq(ticketMessages.authorId, contactId)));
    await eraseSenderMail(tx, contact.email, erasedEmail, now);
    await tx
      .update(outboundMail)
      .set({ recipient: erasedEmail })
      .where(sameAddress(outboundMail.recipient, contact.email));
    await tx.delete(mailRefusals).where(sql`lower(${mailRefusals.sender}) = lower(${contact.email})`);
    // What they typed when a suggested page was opened may name anything; the count stays for the report.
    await tx.update(suggestionOpens).set({ typed: '' }).where(eq(suggestionOpens.contactId, contactId));
    await tx
      .update(auditEvents)
      .set({ actorLabel: ERASED_CONTACT_NAME })
      .where(eq(auditEvents.actorId, contactId));
    await tx
      .update(auditEvents)
      .set({ before: withoutPersonalData(auditEvents.before), after: withoutPersonalData(auditEvents.after) })
      .where(and(eq(auditEvents.entity, 'contact'), eq(auditEvents.entityId, contactId)));
    await recordAudit(tx, actor, now, {
      entity: 'contact',
      entityId: contactId,
      action: 'update',
      organizationId: contact.organizationId,
      before: { erasedAt: null },
      after: { erasedAt: now.toISOString() },
    });
  });
}
