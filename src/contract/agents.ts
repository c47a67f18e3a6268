/**
 * The vendor's support team: administrators, agents and partner engineers.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { agentRole, email, id, language, password, text } from './fields.js';

export const agentInput = z.object({
  name: text(200),
  email,
  role: agentRole,
  language: language.default('ru'),
  password: password
    .optional()
    .describe('Set for a scripted setup; without it the person is mailed an invitation to set their own'),
});
export type AgentInput = z.infer<typeof agentInput>;

export const agentSchema = z
  .object({ id, name: z.string(), email: z.string(), role: agentRole, active: z.boolean() })
  .meta({ id: 'Agent' });
export type Agent = z.output<typeof agentSchema>;

/** A member of the team as the list shows them: with whether they sign in with an authenticator. */
export const teamMemberSchema = agentSchema
  .extend({
    secondFactor: z.boolean().describe('Signs in with an authenticator'),
    secondFactorLocked: z
      .boolean()
      .describe("The authenticator's codes are locked after too many wrong ones, until lifted"),
    directory: z
      .enum(['ldap', 'oidc'])
      .nullable()
      .describe(
        'Signs in with the company directory (its password is kept there), or null for a local password',
      ),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.output<typeof teamMemberSchema>;

/** Without defaults: a field left out stays as it is. `active: false` ends every session and token at once. */
export const agentUpdate = z
  .object({ name: text(200), role: agentRole, language, active: z.boolean() })
  .partial()
  .strict();
export type AgentUpdate = z.infer<typeof agentUpdate>;

export const ownSessionSchema = z
  .object({
    id: z.string().describe("The digest of the session's cookie: it names the session and signs nobody in"),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean().describe('The session this list was asked from'),
  })
  .meta({ id: 'OwnSession' });
export type OwnSession = z.output<typeof ownSessionSchema>;

export const ownTokenSchema = z
  .object({
    id,
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'OwnApiToken' });
export type OwnToken = z.output<typeof ownTokenSchema>;

export const ownTokenInput = z.object({ name: text(100) }).strict();

/** The customer organizations a partner engineer works for (§2.6). */
export const partnerAssignmentSchema = z
  .object({ agentId: id, organizationIds: z.array(id) })
  .meta({ id: 'PartnerAssignment' });
export type PartnerAssignment = z.output<typeof partnerAssignmentSchema>;
