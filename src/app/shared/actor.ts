import type { agents, contacts } from '../../db/schema.js';
import type { AgentRole, Language } from '../../domain/people.js';
import { forbidden } from './errors.js';

/** Who is acting: a support person, a customer's contact, or the desk itself (CLI, demo loader, jobs). */
export type Actor =
  | { type: 'agent'; id: string; role: AgentRole; name: string; email: string; language: Language }
  | { type: 'contact'; id: string; organizationId: string; name: string; email: string; language: Language }
  | { type: 'system'; name: string };

export type ContactActor = Extract<Actor, { type: 'contact' }>;

export function actorLabel(actor: Actor): string {
  return actor.type === 'system' ? `system:${actor.name}` : `${actor.name} <${actor.email}>`;
}

/** Entitlement data is the vendor's contract record: only administrators (and the desk itself) write it. */
export function requireAdmin(actor: Actor): void {
  if (actor.type === 'system') return;
  if (actor.type === 'agent' && actor.role === 'admin') return;
  throw forbidden();
}

/** The actor an agent row acts as. */
export function agentActor(
  row: Pick<typeof agents.$inferSelect, 'id' | 'role' | 'name' | 'email' | 'language'>,
): Actor {
  return {
    type: 'agent',
    id: row.id,
    role: row.role,
    name: row.name,
    email: row.email,
    language: row.language,
  };
}

/** The actor a contact row acts as, on any channel. */
export function contactActor(
  row: Pick<typeof contacts.$inferSelect, 'id' | 'organizationId' | 'name' | 'email' | 'language'>,
): ContactActor {
  return {
    type: 'contact',
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    email: row.email,
    language: row.language,
  };
}
