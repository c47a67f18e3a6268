/** The languages the desk speaks to people in: every text exists in each. */
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The vendor's people: administrators, support agents, and partner engineers (§2.6). */
export const AGENT_ROLES = ['admin', 'agent', 'partner'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** Where an installation of a product runs. */
export const ENVIRONMENTS = ['production', 'test', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** What an erased contact (152-FZ) is shown as wherever their name was: their requests stay for the reports. */
export const ERASED_CONTACT_NAME = 'Контакт удалён';
/** An address that cannot receive mail (RFC 2606 reserves .invalid), unique per erased contact. */
export const erasedContactEmail = (contactId: string) => `erased-${contactId}@erased.invalid`;
