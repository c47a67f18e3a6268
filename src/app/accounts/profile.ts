import { and, eq, ne } from 'drizzle-orm';
import type { PasswordChangeInput, ProfileInput } from '../../contract/auth.js';
import { agents, contacts, sessions } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden } from '../shared/errors.js';
import { digest } from '../shared/secrets.js';
import { voidOpenLinks } from './accountLinks.js';
import { hashPassword, verifyPassword } from './passwords.js';

type Person = Extract<Actor, { type: 'agent' | 'contact' }>;

function person(actor: Actor): Person {
  if (actor.type === 'system') throw forbidden();
  return actor;
}

/** The people table of an actor: support staff and customer contacts sign in alike. */
const tableOf = (actor: Person) => (actor.type === 'agent' ? agents : contacts);

/** The signed-in person sets the language the desk speaks to them in (screens, notifications, mail). */
export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileInput) {
  const self = person(actor);
  const table = tableOf(self);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(table).set({ language: input.language, updatedAt: now }).where(eq(table.id, self.id));
    await recordAudit(tx, self, now, {
      entity: self.type,
      entityId: self.id,
      action: 'update',
      organizationId: self.type === 'contact' ? self.organizationId : null,
      before: { language: self.language },
      after: { language: input.language },
    });
  });
  return { language: input.language };
}

/**
 * The signed-in person changes their password, proving the current one. Their other sessions end:
 * whoever else held one no longer knows the password it was opened with.
 */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: PasswordChangeInput,
  currentSessionToken: string | null,
): Promise<void> {
  const self = person(actor);
  const table = tableOf(self);
  if (self.type === 'agent') {
    const [agent] = await ctx.db
      .select({ directory: agents.directory })
      .from(agents)
      .where(eq(agents.id, self.id));
    if (agent?.directory) throw new AppError('conflict', 'directory_account');
  }
  const [row] = await ctx.db
    .select({ passwordHash: table.passwordHash })
    .from(table)
    .where(eq(table.id, self.id));
  if (!(await verifyPassword(row?.passwordHash, input.currentPassword))) {
    throw new AppError('invalid', 'current_password_wrong', 'currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  const owner = self.type === 'agent' ? sessions.agentId : sessions.contactId;
  await ctx.db.transaction(async (tx) => {
    await tx.update(table).set({ passwordHash, updatedAt: now }).where(eq(table.id, self.id));
    await voidOpenLinks(tx, self, now);
    await tx
      .delete(sessions)
      .where(
        currentSessionToken
          ? and(eq(owner, self.id), ne(sessions.tokenHash, digest(currentSessionToken)))
          : eq(owner, self.id),
      );
    await recordAudit(tx, self, now, {
      entity: self.type,
      entityId: self.id,
      action: 'update',
      organizationId: self.type === 'contact' ? self.organizationId : null,
      before: { passwordChangedAt: null },
      after: { passwordChangedAt: now.toISOString() },
    });
  });
}
