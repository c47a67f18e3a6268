import { asc } from 'drizzle-orm';
import { agents } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AppContext } from './context.js';
import { forbidden } from './errors.js';
import { isSupport } from './tickets/access.js';

/** The support team, for assigning requests: support sees it, customers never do. */
export async function listAgents(ctx: AppContext, actor: Actor) {
  if (!isSupport(actor)) throw forbidden();
  return ctx.db
    .select({
      id: agents.id,
      name: agents.name,
      email: agents.email,
      role: agents.role,
      active: agents.active,
    })
    .from(agents)
    .orderBy(asc(agents.name));
}
