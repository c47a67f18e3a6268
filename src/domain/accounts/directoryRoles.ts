import { AGENT_ROLES, type AgentRole } from '../people.js';

/** Which directory groups (LDAP group DNs, or an OpenID provider's group names) make which role. */
export type RoleGroups = Partial<Record<AgentRole, readonly string[]>>;

/**
 * The role a staff member gets from their directory groups: the most trusted one they qualify for
 * (admin, then agent, then partner), or null when no group maps to a role and they may not sign in.
 * Group names compare without regard to case or the spaces in a DN, as directories compare them.
 */
export function roleFromGroups(groups: readonly string[], mapping: RoleGroups): AgentRole | null {
  const normal = (name: string) =>
    name
      .toLowerCase()
      .replace(/\s*,\s*/g, ',')
      .trim();
  const held = new Set(groups.map(normal));
  return AGENT_ROLES.find((role) => (mapping[role] ?? []).some((group) => held.has(normal(group)))) ?? null;
}

/**
 * Reads the mapping as an operator writes it in one setting: `admin=GROUP;agent=GROUP|GROUP;partner=GROUP`.
 * Answers null for a malformed one, so the configuration can say which setting is wrong.
 */
export function parseRoleGroups(text: string): RoleGroups | null {
  const mapping: RoleGroups = {};
  for (const part of text
    .split(';')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const at = part.indexOf('=');
    const role = part.slice(0, at).trim() as AgentRole;
    if (at < 1 || !AGENT_ROLES.includes(role)) return null;
    const groups = part
      .slice(at + 1)
      .split('|')
      .map((group) => group.trim())
      .filter(Boolean);
    if (groups.length === 0) return null;
    mapping[role] = groups;
  }
  return Object.keys(mapping).length > 0 ? mapping : null;
}
