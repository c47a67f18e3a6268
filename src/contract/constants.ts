/**
 * The values both sides show and check: levels, severities, statuses, channels, roles, and the limits
 * of what a person may type. Free of any library, so the web takes them without the server's code.
 */
export { CLOCK_KINDS, type ClockKind } from '../domain/calendar/intervalClock.js';
export { DAY_TYPES, type DayType } from '../domain/calendar/productionCalendar.js';
export { LEVELS, type Level } from '../domain/entitlement/entitlement.js';
export { VALIDITY_STATUSES, type ValidityStatus } from '../domain/entitlement/period.js';
export { MACRO_PURPOSES, MACRO_STATUSES, MACRO_VARIABLES, type MacroStatus } from '../domain/macros/macro.js';
export { AGENT_MAIL_CHOICES, type AgentMailChoice } from '../domain/notices/agentMail.js';
export {
  AGENT_ROLES,
  type AgentRole,
  ENVIRONMENTS,
  type Environment,
  LANGUAGES,
  type Language,
} from '../domain/people.js';
export { CHANNELS, type Channel, SEVERITIES, type Severity } from '../domain/sla/policy.js';
export { TICKET_OPERATIONS, type TicketOperation } from '../domain/tickets/allowedActions.js';
export {
  ACTIVE_STATUSES,
  CATEGORIES,
  type Category,
  OPEN_STATUSES,
  STATUSES,
  type Status,
  VISIBILITIES,
  type Visibility,
} from '../domain/tickets/lifecycle.js';
export * from '../domain/tickets/limits.js';
export {
  QUEUE_SORTS,
  type QueueSort,
  SORT_DIRECTIONS,
  type SortDirection,
} from '../domain/tickets/queueSort.js';
export { SEARCH_MAX_LENGTH, TICKET_NUMBER_PATTERN } from '../domain/tickets/searchQuery.js';

/** How long a rating's comment may be: the form and the server both read it here. */
export const RATING_COMMENT_MAX_LENGTH = 2000;

/** The colours a tag may be shown in (the web's palette names). */
export const TAG_COLORS = [
  'gray',
  'red',
  'orange',
  'yellow',
  'green',
  'teal',
  'blue',
  'violet',
  'pink',
] as const;
