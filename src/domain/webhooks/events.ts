/**
 * What the vendor's systems may hear about. The names are the API's (`ticket.created`): a receiver
 * keys on them, so a name once published is never changed.
 */
export const WEBHOOK_EVENTS = [
  'ticket.created',
  'ticket.message_added',
  'ticket.status_changed',
  'ticket.severity_changed',
  'ticket.sla_warning',
  'ticket.sla_breached',
  'ticket.satisfaction_received',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
