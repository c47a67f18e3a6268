/**
 * What happens to a request (and to a certificate), as the desk's one stream of events: a use case
 * records each in the transaction of its change, with who made it and the request's version after it.
 * The names are the API's (`ticket.created`): webhook receivers key on them, so a name once published
 * is never changed; a payload that changes shape gets a new version and the old one stays described
 * (docs/events.md).
 */
export const EVENT_TYPES = [
  'ticket.created',
  'ticket.message_added',
  'ticket.status_changed',
  'ticket.reopened',
  'ticket.severity_changed',
  'ticket.assigned',
  'ticket.tagged',
  'ticket.untagged',
  'ticket.instance_changed',
  'ticket.split',
  'ticket.merged',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'ticket.satisfaction_received',
  'certificate.expiring',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The version of each event's payload the desk writes now. */
export const EVENT_VERSIONS: Record<EventType, number> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, 1]),
) as Record<EventType, number>;

type Instant = string;
type Ticket = { id: string; number: string };
/** Which deadline a warning or breach is about: the first response, or the answer to the customer's latest. */
type SlaTarget = 'response' | 'follow_up';

/** Each event's payload (`data`), version 1. */
export interface EventData {
  'ticket.created': { description: string; splitFrom?: Ticket };
  'ticket.message_added': {
    messageId: string;
    kind: string;
    visibility: 'public' | 'internal';
    channel: string;
    author: { type: 'agent' | 'contact' | 'system'; name: string };
    body: string;
  };
  'ticket.status_changed': { from: string; to: string; action: string };
  'ticket.reopened': { from: string; reason: string | null };
  'ticket.severity_changed': { from: string; to: string; reason: string; previousResponseDueAt: Instant };
  'ticket.assigned': { from: string | null; to: string | null; toName: string | null };
  'ticket.tagged': { tags: string[] };
  'ticket.untagged': { tags: string[] };
  'ticket.instance_changed': {
    from: string | null;
    to: string;
    level: string | null;
    responseDueAt: Instant;
  };
  'ticket.split': { into: Ticket[] };
  'ticket.merged': { into: Ticket };
  'ticket.sla_warning': { target: SlaTarget; dueAt: Instant | null };
  'ticket.sla_breached': { target: SlaTarget; dueAt: Instant | null };
  'ticket.satisfaction_received': {
    score: number | null;
    comment: string | null;
    channel: string | null;
    agentId: string | null;
  };
  'certificate.expiring': {
    certificateId: string;
    certificateNumber: string;
    level: string;
    validTo: string;
    daysLeft: number;
  };
}
