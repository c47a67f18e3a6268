/**
 * What each notice carries: its parameters' schema, checked when the notice is written (the type of
 * `notify`) and when a sender reads it from the outbox. The catalogue of notices, with their audience
 * and channels, is `domain/notices/catalogue.ts`; their texts are `notifications.<name>` in both
 * languages of `i18n/catalog`.
 */
import { z } from 'zod';
import type { NoticeName } from '../domain/notices/catalogue.js';

const text = z.string();
const instant = z.string();
/** What every notice about a request names: its number and subject. */
const aboutTicket = { number: text, subject: text };
/** What a notice to support names beside the request: the customer, and who did what it tells. */
const toSupport = { ...aboutTicket, organization: text, actor: text.nullable() };

export const NOTICE_PARAMS = {
  // The number is drawn by the statement that stores the request, and set into the notice there.
  ticket_acknowledged: z.object({
    number: text.optional(),
    subject: text,
    level: text,
    responseDueAt: instant,
    /** The instances a mail naming none may be about, for the customer to choose from. */
    instances: text.optional(),
  }),
  ticket_refused: z.object({ subject: text, reason: text }),
  ticket_reply: z.object({ ...aboutTicket, body: text }),
  info_requested: z.object({ ...aboutTicket, body: text }),
  ticket_resolved: z.object({ ...aboutTicket, body: text }),
  ticket_closed: z.object({
    ...aboutTicket,
    organization: text.optional(),
    actor: text.nullable().optional(),
  }),
  ticket_auto_closed: z.object(aboutTicket),
  ticket_split: z.object({ ...aboutTicket, parts: text }),
  ticket_merged: z.object({ ...aboutTicket, into: text }),
  ticket_out_of_scope: z.object(aboutTicket),
  severity_changed: z.object({ ...aboutTicket, from: text, to: text, responseDueAt: instant }),
  instance_changed: z.object({
    ...aboutTicket,
    instance: text,
    level: text.nullable(),
    responseDueAt: instant,
  }),
  remote_session: z.object(aboutTicket),
  inactivity_reminder: z.object({ ...aboutTicket, reminder: z.number(), autoCloseAt: instant.nullable() }),
  satisfaction_request: z.object({ ...aboutTicket, surveyId: text }),
  certificate_expiring: z.object({ number: text, level: text, validTo: text, days: z.number() }),
  policy_published: z.object({ name: text, effectiveFrom: text }),
  second_factor_locked: z.object({ failures: z.number() }),
  ticket_created: z.object({ ...aboutTicket, severity: text, organization: text }),
  customer_message: z.object({ ...toSupport, body: text }),
  ticket_assigned: z.object(toSupport),
  ticket_reopened: z.object(toSupport),
  sla_warning: z.object({ ...toSupport, responseDueAt: instant }),
  sla_breach: z.object({ ...toSupport, responseDueAt: instant }),
  follow_up_warning: z.object({ ...toSupport, followUpDueAt: instant.nullable() }),
  follow_up_breach: z.object({ ...toSupport, followUpDueAt: instant.nullable() }),
  certificate_expiring_vendor: z.object({
    number: text,
    level: text,
    validTo: text,
    days: z.number(),
    organization: text,
  }),
} as const satisfies Record<NoticeName, z.ZodObject>;

/** The parameters a notice is written with. */
export type NoticeParams<N extends NoticeName> = z.input<(typeof NOTICE_PARAMS)[N]>;

/** A notice as it is written: to whom, which, with what, about which request (if any). */
export type Notice = {
  [N in NoticeName]: {
    recipient: { type: 'agent' | 'contact'; id: string };
    template: N;
    params: NoticeParams<N>;
    ticketId: string | null;
  };
}[NoticeName];

/**
 * What a sender shows beside a notice's text, read from its typed parameters: the text of the reply it
 * carries, the instances to choose from, the survey to rate.
 */
export function noticeAttachments(notice: { template: NoticeName; params: unknown }) {
  const params = NOTICE_PARAMS[notice.template].parse(notice.params) as Record<string, unknown>;
  const textOf = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : null);
  return {
    number: textOf('number'),
    subject: textOf('subject'),
    body: textOf('body'),
    instances: textOf('instances'),
    surveyId: textOf('surveyId'),
  };
}
