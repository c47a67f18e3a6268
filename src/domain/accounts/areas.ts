import type { AgentRole } from '../people.js';

/** The parts of the desk a person is shown: a page of the portal or of the console. */
export const AREAS = [
  'home',
  'newRequest',
  'requests',
  'queue',
  'customers',
  'calendar',
  'reports',
  'macros',
  'releases',
  'documentation',
  'team',
  'rejections',
  'mail',
  'webhooks',
  'policy',
  'profile',
] as const;
export type Area = (typeof AREAS)[number];

/** What a person may change beyond their own work, which the screens offer only to them. */
export const ABILITIES = [
  'manageCustomers',
  'manageReleases',
  'manageDocumentation',
  'manageCalendar',
  'shareViews',
  'shareMacros',
] as const;
export type Ability = (typeof ABILITIES)[number];

type Role = AgentRole | 'contact';

const CUSTOMER_AREAS: readonly Area[] = [
  'home',
  'newRequest',
  'requests',
  'releases',
  'policy',
  'documentation',
  'profile',
];
const SUPPORT_AREAS: readonly Area[] = [
  'queue',
  'customers',
  'calendar',
  'reports',
  'macros',
  'releases',
  'documentation',
];
const ADMINISTRATION_AREAS: readonly Area[] = ['team', 'rejections', 'mail', 'webhooks'];
const OWN_AREAS: readonly Area[] = ['policy', 'profile'];

/**
 * The areas a role is shown, in the order of the navigation. A partner engineer works requests of the
 * organizations assigned to them and does not see the vendor's reports (§2.6); administrators also run
 * the team, the intake log, the mail and the webhooks.
 */
export function areasOf(role: Role): Area[] {
  if (role === 'contact') return [...CUSTOMER_AREAS];
  const support = SUPPORT_AREAS.filter((area) => role !== 'partner' || area !== 'reports');
  return [...support, ...(role === 'admin' ? ADMINISTRATION_AREAS : []), ...OWN_AREAS];
}

/** What a role may change beyond its own work: administrators keep the records everyone works from. */
export function abilitiesOf(role: Role): Ability[] {
  return role === 'admin' ? [...ABILITIES] : [];
}
