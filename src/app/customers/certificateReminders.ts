import { and, eq, gt, lte } from 'drizzle-orm';
import { agents, certificateReminders, certificates, contacts, organizations } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import { notify } from '../outbox/enqueue.js';
import type { Actor } from '../shared/actor.js';

/** Days before the end of a certificate when its customer and the vendor are reminded (§2.1). */
export const REMINDER_DAYS = [30, 7] as const;
/** The desk's own clock, which tells of a certificate running out. */
const REMINDER: Actor = { type: 'system', name: 'certificate reminders' };

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Reminds the customer's active contacts and the vendor's administrators that a certificate ends: 30
 * and 7 Moscow days before its last day. Each reminder goes out once, however many instances run the
 * sweep and however late it runs; a certificate found with 7 days or fewer left gets the 7-day one only.
 */
export async function runCertificateReminders(ctx: AppContext): Promise<{ reminded: number }> {
  const now = ctx.clock.now();
  const today = moscowDate(now);
  let reminded = 0;
  for (const [index, days] of REMINDER_DAYS.entries()) {
    const nearer = REMINDER_DAYS[index + 1];
    const window = and(
      lte(certificates.validTo, addDays(today, days)),
      gt(certificates.validTo, nearer === undefined ? addDays(today, -1) : addDays(today, nearer)),
    );
    reminded += await ctx.db.transaction(async (tx) => {
      const due = await tx
        .select({ certificate: certificates, organization: organizations.name })
        .from(certificates)
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .where(window);
      let sent = 0;
      const vendor =
        due.length === 0
          ? []
          : await tx
              .select({ id: agents.id })
              .from(agents)
              .where(and(eq(agents.role, 'admin'), eq(agents.active, true)));
      for (const { certificate, organization } of due) {
        const [claimed] = await tx
          .insert(certificateReminders)
          .values({ certificateId: certificate.id, daysBefore: days, sentAt: now })
          .onConflictDoNothing()
          .returning({ id: certificateReminders.certificateId });
        if (!claimed) continue;
        const left = Math.round(
          (Date.parse(`${certificate.validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
        );
        const params = {
          number: certificate.number,
          level: certificate.level,
          validTo: certificate.validTo,
          days: left,
        };
        await recordEvent(
          tx,
          now,
          REMINDER,
          'certificate.expiring',
          { organizationId: certificate.organizationId },
          {
            certificateId: certificate.id,
            certificateNumber: certificate.number,
            level: certificate.level,
            validTo: certificate.validTo,
            daysLeft: left,
          },
        );
        const customer = await tx
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.organizationId, certificate.organizationId), eq(contacts.active, true)));
        for (const contact of customer) {
          await notify(tx, now, {
            recipient: { type: 'contact', id: contact.id },
            template: 'certificate_expiring',
            params,
            ticketId: null,
          });
        }
        for (const admin of vendor) {
          await notify(tx, now, {
            recipient: { type: 'agent', id: admin.id },
            template: 'certificate_expiring_vendor',
            params: { ...params, organization },
            ticketId: null,
          });
        }
        sent += 1;
      }
      return sent;
    });
  }
  return { reminded };
}
