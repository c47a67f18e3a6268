export const STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

/** Who sees a message: the customer and support, or support alone (an internal note). */
export const VISIBILITIES = ['public', 'internal'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const CATEGORIES = ['problem', 'consultation'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * What can happen to a request, and the status each leaves it in. `null` means the action is not
 * allowed from that status. A closed request is final: the customer files a new one.
 */
const TRANSITIONS: Record<TicketAction, Partial<Record<Status, Status>>> = {
  /** Support replies publicly and keeps the request. */
  support_reply: {
    new: 'in_progress',
    in_progress: 'in_progress',
    waiting_for_customer: 'in_progress',
    resolved: 'resolved',
  },
  /** Support replies and now waits for the customer (a question, a proposed fix to try). */
  support_awaits_customer: {
    new: 'waiting_for_customer',
    in_progress: 'waiting_for_customer',
    waiting_for_customer: 'waiting_for_customer',
  },
  /** The customer writes: the request goes back to support. */
  customer_message: {
    new: 'new',
    in_progress: 'in_progress',
    waiting_for_customer: 'in_progress',
    resolved: 'in_progress',
  },
  internal_note: {
    new: 'new',
    in_progress: 'in_progress',
    waiting_for_customer: 'waiting_for_customer',
    resolved: 'resolved',
  },
  take: {
    new: 'in_progress',
    in_progress: 'in_progress',
    waiting_for_customer: 'waiting_for_customer',
    resolved: 'resolved',
  },
  resolve: { new: 'resolved', in_progress: 'resolved', waiting_for_customer: 'resolved' },
  reopen: { resolved: 'in_progress' },
  close: { new: 'closed', in_progress: 'closed', waiting_for_customer: 'closed', resolved: 'closed' },
};

export type TicketAction =
  | 'support_reply'
  | 'support_awaits_customer'
  | 'customer_message'
  | 'internal_note'
  | 'take'
  | 'resolve'
  | 'reopen'
  | 'close';

export type TransitionDecision = { ok: true; to: Status } | { ok: false; reason: 'transition_not_allowed' };

export function transition(from: Status, action: TicketAction): TransitionDecision {
  const to = TRANSITIONS[action][from];
  return to ? { ok: true, to } : { ok: false, reason: 'transition_not_allowed' };
}

/** Every status but the final one: the customer's open requests, which can still be written to. */
export const OPEN_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved'] as const;

/** Support still owes the customer something: the queue's default, the response watch's scope. */
export const ACTIVE_STATUSES = ['new', 'in_progress', 'waiting_for_customer'] as const;

/** The statuses in which the auto-close clock runs: support has handed the request to the customer. */
export const AUTO_CLOSE_STATUSES = ['waiting_for_customer', 'resolved'] as const;

/**
 * Whether support still owes the request anything: only then does a deadline count down. A resolved,
 * closed or merged request shows how it ended instead.
 */
export function owedBySupport(ticket: { status: Status; mergedIntoId: string | null }): boolean {
  return (ACTIVE_STATUSES as readonly Status[]).includes(ticket.status) && ticket.mergedIntoId === null;
}

export function awaitsCustomer(status: Status): boolean {
  return (AUTO_CLOSE_STATUSES as readonly Status[]).includes(status);
}
