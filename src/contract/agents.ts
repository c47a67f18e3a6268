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
  password,
});
export type AgentInput = z.infer<typeof agentInput>;

export const agentSchema = z
  .object({ id, name: z.string(), email: z.string(), role: agentRole, active: z.boolean() })
  .meta({ id: 'Agent' });
export type Agent = z.output<typeof agentSchema>;
