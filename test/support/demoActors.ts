import { eq } from 'drizzle-orm';
import { type Actor, agentActor, contactActor } from '../../src/app/shared/actor.js';
import type { Queryable } from '../../src/db/database.js';
import { agents, contacts } from '../../src/db/schema.js';

/** The demo desk's readers as the use cases see them: a support agent, a partner engineer, a contact. */
export async function demoActors(db: Queryable): Promise<Record<'agent' | 'partner' | 'contact', Actor>> {
  const agentNamed = async (email: string) =>
    (await db.select().from(agents).where(eq(agents.email, email)))[0];
  const agent = await agentNamed('irina.sokolova@supportdesk.example');
  const partner = await agentNamed('dmitry.kim@integrator.example');
  const [contact] = await db
    .select()
    .from(contacts)
    .where(eq(contacts.email, 'anna.petrova@baltlog.example'));
  if (!agent || !partner || !contact) throw new Error('demo people missing');
  return { agent: agentActor(agent), partner: agentActor(partner), contact: contactActor(contact) };
}
