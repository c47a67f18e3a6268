import { and, eq, sql } from 'drizzle-orm';
import { theRow } from '../../db/errors.js';
import { agents, contacts } from '../../db/schema.js';
import { roleFromGroups } from '../../domain/accounts/directoryRoles.js';
import type { AgentRole } from '../../domain/people.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { DirectoryPerson } from '../ports/staffDirectory.js';
import { type Actor, agentActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { updateAgent } from './agents.js';

/** What the directory does to the team is recorded under its own name. */
const directoryActor: Actor = { type: 'system', name: 'directory' };

/**
 * Signs a staff member in with their directory password: the account is made on their first sign-in,
 * and takes the name and the role their groups give each time. Someone in no mapped group, or whose
 * account an administrator deactivated, is refused like a wrong password.
 */
export async function signInWithDirectory(ctx: AppContext, email: string, password: string) {
  if (!ctx.directory) return null;
  const person = await ctx.directory.directory.authenticate(email, password);
  const role = person ? roleFromGroups(person.groups, ctx.directory.roleGroups) : null;
  if (!person || !role) return null;
  const row = await adoptDirectoryPerson(ctx, 'ldap', person, role);
  return row?.active ? agentActor(row) : null;
}

/**
 * The staff account of someone the company directory (LDAP) or OpenID provider vouched for: made on their
 * first sign-in, its name and role taken over on every one after. A local account with the same address
 * is not taken over (null); nor is a deactivated one changed.
 */
export async function adoptDirectoryPerson(
  ctx: AppContext,
  source: 'ldap' | 'oidc',
  person: Pick<DirectoryPerson, 'id' | 'email' | 'name'>,
  role: AgentRole,
) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(agents)
      .where(sql`lower(${agents.email}) = lower(${person.email})`)
      .for('update');
    if (existing) {
      if (existing.directory !== source) return null;
      if (existing.name === person.name && existing.role === role && existing.directoryId === person.id) {
        return existing;
      }
      if (!existing.active) return existing;
      const [updated] = await tx
        .update(agents)
        .set({ name: person.name, role, directoryId: person.id, updatedAt: now })
        .where(eq(agents.id, existing.id))
        .returning();
      await recordAudit(tx, directoryActor, now, {
        entity: 'agent',
        entityId: existing.id,
        action: 'update',
        organizationId: null,
        before: { name: existing.name, role: existing.role },
        after: { name: person.name, role },
      });
      return updated;
    }
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(sql`lower(${contacts.email}) = lower(${person.email})`);
    if (contact) throw new AppError('conflict', 'email_taken', 'email', { value: person.email });
    const row = theRow(
      await tx
        .insert(agents)
        .values({
          name: person.name,
          email: person.email,
          role,
          directory: source,
          directoryId: person.id,
          createdAt: now,
          updatedAt: now,
        })
        .returning(),
    );
    await recordAudit(tx, directoryActor, now, {
      entity: 'agent',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: { name: row.name, email: row.email, role, directory: source },
    });
    return row;
  });
}

/**
 * The periodic sync: every active directory account is looked up again. One the directory no longer
 * has, or who left every mapped group, is deactivated (their sessions and tokens end at once); a changed
 * name or role is taken over. A directory that does not answer stops the pass and changes nobody.
 */
export async function syncDirectoryStaff(ctx: AppContext) {
  const counts = { checked: 0, updated: 0, deactivated: 0 };
  if (!ctx.directory) return counts;
  const staff = await ctx.db
    .select()
    .from(agents)
    .where(and(eq(agents.directory, 'ldap'), eq(agents.active, true)));
  for (const agent of staff) {
    counts.checked += 1;
    const person = await ctx.directory.directory.find(agent.email);
    const role = person ? roleFromGroups(person.groups, ctx.directory.roleGroups) : null;
    try {
      if (!person || !role) {
        await updateAgent(ctx, directoryActor, agent.id, { active: false });
        counts.deactivated += 1;
      } else if (person.name !== agent.name || role !== agent.role) {
        await updateAgent(ctx, directoryActor, agent.id, { name: person.name, role });
        counts.updated += 1;
      }
    } catch (error) {
      // The desk keeps one active administrator, whatever the directory says; the others are still synced.
      if (!(error instanceof AppError && error.code === 'last_admin')) throw error;
    }
  }
  return counts;
}
