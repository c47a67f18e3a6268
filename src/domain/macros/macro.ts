import type { Severity } from '../sla/policy.js';

/**
 * A macro: a reply written once with variables, and what applying it does besides. Pure: the desk
 * fills the variables from the request at hand and applies the actions through its ordinary use cases.
 */

/** The status a macro leaves the request in; a reply alone takes it as a reply does. */
export const MACRO_STATUSES = ['in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const;
export type MacroStatus = (typeof MACRO_STATUSES)[number];

export interface MacroActions {
  status?: MacroStatus;
  /** §5.2: a severity change always carries its reason. */
  severity?: { value: Severity; reason: string };
  /** `self`: whoever applies it; `none`: unassigned; otherwise an agent's id. */
  assignee?: string;
  /** An internal note for support, with variables like the reply. */
  note?: string;
  /** Tag ids added to the request. */
  tagIds?: string[];
}

/** The policy's own answers, kept as shared macros an administrator may edit. */
export const MACRO_PURPOSES = ['info_request', 'out_of_scope'] as const;
export type MacroPurpose = (typeof MACRO_PURPOSES)[number];

export const MACRO_VARIABLES = [
  'contact.name',
  'contact.email',
  'organization.name',
  'ticket.number',
  'ticket.subject',
  'ticket.severity',
  'ticket.responseDueAt',
  'product.name',
  'instance.name',
  'agent.name',
] as const;
export type MacroVariable = (typeof MACRO_VARIABLES)[number];

export type MacroValues = Record<MacroVariable, string>;

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g;

/** The placeholders a text names that the desk does not know, so that a typo is refused when saved. */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(MACRO_VARIABLES);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].filter(
    (name) => !known.has(name),
  );
}

/** The text with every variable filled in; an unknown one (saved before a rename) is left as written. */
export function fillVariables(text: string, values: MacroValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    name in values ? values[name as MacroVariable] : whole,
  );
}
