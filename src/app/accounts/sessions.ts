import { eq, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { agents, contacts, sessions } from '../../db/schema.js';
import { type Actor, agentActor, contactActor } from '../shared/actor.js';
import { digest, newSecret } from '../shared/secrets.js';
import { mustEnrol } from './secondFactor.js';

export interface SessionSettings {
  ttlMs: number;
}

export interface SignedIn {
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  actor: Actor;
  /** Staff must use an authenticator and this person has none yet: they may only enrol one. */
  mustEnrolSecondFactor: boolean;
}

export async function findActorByEmail(db: Queryable, email: string) {
  const [agent] = await db.select().from(agents).where(eq(agents.email, email));
  if (agent) {
    const { passwordHash, active, directory } = agent;
    return { actor: agentActor(agent), passwordHash, active, directory };
  }
  const [contact] = await db.select().from(contacts).where(eq(contacts.email, email));
  if (contact)
    return {
      actor: contactActor(contact),
      passwordHash: contact.passwordHash,
      active: contact.active,
      directory: null,
    };
  return undefined;
}

/** The account an actor signs in as. */
export function principalOf(actor: Actor): { type: 'agent' | 'contact'; id: string } {
  if (actor.type === 'system') throw new Error('the desk itself has no account');
  return { type: actor.type, id: actor.id };
}

export function principalIds(actor: Actor) {
  if (actor.type === 'system') throw new Error('the desk itself has no session');
  return actor.type === 'agent'
    ? { agentId: actor.id, contactId: null }
    : { agentId: null, contactId: actor.id };
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Opens a session for a person who proved who they are, in the caller's transaction. */
export async function openSession(
  db: Queryable,
  settings: SessionSettings,
  actor: Actor,
  now: Date,
  client: ClientInfo,
): Promise<SignedIn> {
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
  await db.insert(sessions).values({
    tokenHash: digest(sessionToken),
    ...principalIds(actor),
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
  });
  return { sessionToken, csrfToken, expiresAt, actor, mustEnrolSecondFactor: await mustEnrol(db, actor) };
}
