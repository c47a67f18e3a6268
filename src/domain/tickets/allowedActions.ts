import type { Level } from '../entitlement/entitlement.js';
import { type Category, type Status, type TicketAction, transition } from './lifecycle.js';

/** What a reader may do to a request; the API sends the allowed ones with every request it answers. */
export const TICKET_OPERATIONS = [
  'reply',
  'addNote',
  'assign',
  'changeSeverity',
  'changeInstance',
  'split',
  'requestInfo',
  'resolve',
  'markOutOfScope',
  'logRemoteSession',
  'reopen',
  'close',
  'applyMacro',
  'merge',
  'tag',
  'logTime',
] as const;
export type TicketOperation = (typeof TICKET_OPERATIONS)[number];

/** The customer's contacts, or the vendor's support (agents, partners on their organizations, the desk). */
export type TicketReader = 'customer' | 'support';

export interface TicketFacts {
  status: Status;
  /** Null on a request imported from another desk: it has no certificate, so no level. */
  level: Level | null;
  category: Category;
}

export type OperationRefusal =
  | 'forbidden'
  | 'transition_not_allowed'
  | 'remote_session_requires_extended'
  | 'out_of_scope_needs_consultation'
  | 'imported_without_entitlement';

interface Rule {
  readers: readonly TicketReader[];
  /**
   * The lifecycle step the operation takes; the lifecycle decides the statuses it is allowed in. None:
   * allowed in every status (support corrects who owned a closed request, for the reports).
   */
  step?: (reader: TicketReader) => TicketAction;
  /** A further condition on the request, with the refusal when it does not hold. */
  requires?: (ticket: TicketFacts) => OperationRefusal | null;
}

const SUPPORT = ['support'] as const;
const EVERYONE = ['customer', 'support'] as const;
/** Operations that change a request without moving its status are allowed while a note still is. */
const whileOpen = () => 'internal_note' as const;
/**
 * What is counted against a certificate (its deadline, its time spent) needs one: an imported request
 * has none, so its severity, instance and parts stay as they came.
 */
const entitled = (ticket: TicketFacts): OperationRefusal | null =>
  ticket.level === null ? 'imported_without_entitlement' : null;

const RULES: Record<TicketOperation, Rule> = {
  reply: {
    readers: EVERYONE,
    step: (reader) => (reader === 'customer' ? 'customer_message' : 'support_reply'),
  },
  addNote: { readers: SUPPORT, step: whileOpen },
  assign: { readers: SUPPORT },
  changeSeverity: { readers: SUPPORT, step: whileOpen, requires: entitled },
  changeInstance: { readers: SUPPORT, step: whileOpen, requires: entitled },
  split: { readers: SUPPORT, step: whileOpen, requires: entitled },
  requestInfo: { readers: SUPPORT, step: () => 'support_awaits_customer' },
  resolve: { readers: SUPPORT, step: () => 'resolve' },
  // §4.2, §4.4: only a consultation can be outside support, and saying so resolves it.
  markOutOfScope: {
    readers: SUPPORT,
    step: () => 'resolve',
    requires: (ticket) => (ticket.category === 'consultation' ? null : 'out_of_scope_needs_consultation'),
  },
  // §3.10: remote sessions are part of Extended support only.
  logRemoteSession: {
    readers: SUPPORT,
    step: whileOpen,
    requires: (ticket) => (ticket.level === 'extended' ? null : 'remote_session_requires_extended'),
  },
  reopen: { readers: EVERYONE, step: () => 'reopen' },
  close: { readers: EVERYONE, step: () => 'close' },
  // A macro replies or notes: nothing is added to a closed request.
  applyMacro: { readers: SUPPORT, step: whileOpen },
  // A merged duplicate is closed by the merge.
  merge: { readers: SUPPORT, step: () => 'close', requires: entitled },
  // Tags and time spent describe the work for the reports, also after a request is closed.
  tag: { readers: SUPPORT },
  logTime: { readers: SUPPORT, requires: entitled },
};

/** Why the reader may not do this to the request, or null when they may. */
export function operationRefusal(
  ticket: TicketFacts,
  reader: TicketReader,
  operation: TicketOperation,
): OperationRefusal | null {
  const rule = RULES[operation];
  if (!rule.readers.includes(reader)) return 'forbidden';
  const unmet = rule.requires?.(ticket) ?? null;
  if (unmet) return unmet;
  if (!rule.step) return null;
  return transition(ticket.status, rule.step(reader)).ok ? null : 'transition_not_allowed';
}

/** Every operation the reader may take on the request now, in a stable order. */
export function allowedActions(ticket: TicketFacts, reader: TicketReader): TicketOperation[] {
  return TICKET_OPERATIONS.filter((operation) => operationRefusal(ticket, reader, operation) === null);
}
