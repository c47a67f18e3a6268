import { EVENT_TYPES, type EventType } from '../events/catalogue.js';

/** What the vendor's systems may hear about: every event of the desk's stream (domain/events). */
export const WEBHOOK_EVENTS = EVENT_TYPES;

export type WebhookEventType = EventType;
