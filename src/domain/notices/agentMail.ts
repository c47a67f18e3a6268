/**
 * What a support person may choose to get by mail as well as in the console's bell. Everything is in
 * the bell; mail is for what they must not miss while away from the console.
 */
export const AGENT_MAIL_CHOICES = [
  'customer_reply',
  'assignment',
  'sla_warning',
  'sla_breach',
  'new_request',
] as const;
export type AgentMailChoice = (typeof AGENT_MAIL_CHOICES)[number];
export type AgentMailSettings = Record<AgentMailChoice, boolean>;

/** A new request in the queue is off by default: the queue shows it, and a busy desk gets many. */
export const DEFAULT_AGENT_MAIL: AgentMailSettings = {
  customer_reply: true,
  assignment: true,
  sla_warning: true,
  sla_breach: true,
  new_request: false,
};

const CHOICE_OF_TEMPLATE: Partial<Record<string, AgentMailChoice>> = {
  customer_message: 'customer_reply',
  ticket_assigned: 'assignment',
  sla_warning: 'sla_warning',
  sla_breach: 'sla_breach',
  follow_up_warning: 'sla_warning',
  follow_up_breach: 'sla_breach',
  ticket_created: 'new_request',
};

/** The agent's choices, with the defaults for what they never chose. */
export function agentMailSettings(chosen: Partial<AgentMailSettings> | null | undefined): AgentMailSettings {
  return { ...DEFAULT_AGENT_MAIL, ...chosen };
}

/**
 * Whether a notice goes to the agent by mail too. A customer's reply is mailed only to the agent the
 * request is assigned to; while unassigned, the whole queue hears of it in the bell alone.
 */
export function agentWantsMail(
  chosen: Partial<AgentMailSettings> | null | undefined,
  template: string,
  assignedToThem: boolean,
): boolean {
  const choice = CHOICE_OF_TEMPLATE[template];
  if (!choice || (choice === 'customer_reply' && !assignedToThem)) return false;
  return agentMailSettings(chosen)[choice];
}
