import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { PasswordResetConfirmation } from '../../contract/auth.js';
import type { Queryable } from '../../db/database.js';
import { accountLinks, agents, contacts, sessions } from '../../db/schema.js';
import {
  type AccountLinkKind,
  linkExpiry,
  linkIsOpen,
  RESETS_PER_ADDRESS_PER_HOUR,
} from '../../domain/accounts/accountLinks.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { enqueue, outboxEntry } from '../outbox/enqueue.js';
import type { Recipient } from '../outbox/topics.js';
import { type Actor, agentActor, contactActor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { digest, newSecret } from '../shared/secrets.js';
import { hashPassword } from './passwords.js';
import { keepingRefusals, proveSecondFactor } from './secondFactor.js';
import {
  type ClientInfo,
  findActorByEmail,
  openSession,
  type SessionSettings,
  type SignedIn,
} from './sessions.js';

/** A person who signs in: a support agent or a customer contact. */
export type Account = Recipient;

const tableOf = (account: Account) => (account.type === 'agent' ? agents : contacts);
const linksOf = (account: Account) =>
  account.type === 'agent' ? eq(accountLinks.agentId, account.id) : eq(accountLinks.contactId, account.id);
const sessionsOf = (account: Account) =>
  account.type === 'agent' ? eq(sessions.agentId, account.id) : eq(sessions.contactId, account.id);

/** A password set any way makes every link still waiting in the person's mail worthless. */
export async function voidOpenLinks(db: Queryable, account: Account, now: Date): Promise<void> {
  await db
    .update(accountLinks)
    .set({ voidedAt: now })
    .where(and(linksOf(account), isNull(accountLinks.usedAt), isNull(accountLinks.voidedAt)));
}

/**
 * Writes a new link for the account and its mail, in the caller's transaction; the links sent before
 * are void from now on, so only the newest mail works.
 */
export async function issueAccountLink(
  db: Queryable,
  account: Account,
  kind: AccountLinkKind,
  now: Date,
): Promise<void> {
  await voidOpenLinks(db, account, now);
  const token = newSecret();
  await db.insert(accountLinks).values({
    tokenHash: digest(token),
    agentId: account.type === 'agent' ? account.id : null,
    contactId: account.type === 'contact' ? account.id : null,
    kind,
    createdAt: now,
    expiresAt: linkExpiry(kind, now),
  });
  await enqueue(db, [outboxEntry(now, 'mail.account_link', { recipient: account, kind, token })]);
}

/**
 * "Forgot password?": mails a reset link to an active account with that address. The caller learns
 * nothing either way (the route answers alike and pads the time), and an address gets at most a few
 * resets an hour, so the form cannot be used to flood someone's mailbox.
 */
export async function requestPasswordReset(ctx: AppContext, email: string): Promise<void> {
  const found = await findActorByEmail(ctx.db, email.toLowerCase());
  // A directory account's password is the directory's to reset.
  if (!found?.active || found.directory || found.actor.type === 'system') return;
  const account: Account = { type: found.actor.type, id: found.actor.id };
  const now = ctx.clock.now();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  await ctx.db.transaction(async (tx) => {
    const table = tableOf(account);
    // The account's row is the lock that makes the count and the new link one step.
    await tx.select({ id: table.id }).from(table).where(eq(table.id, account.id)).for('update');
    const recent = await tx
      .select({ id: accountLinks.id })
      .from(accountLinks)
      .where(and(linksOf(account), eq(accountLinks.kind, 'reset'), gt(accountLinks.createdAt, hourAgo)));
    if (recent.length >= RESETS_PER_ADDRESS_PER_HOUR) return;
    await issueAccountLink(tx, account, 'reset', now);
  });
}

/**
 * Sets the password with a mailed link (an invitation or a reset) and signs the person in. The link is
 * used up, every other link of the account is void, and every session the account had ends: whoever
 * held one knew the old password, or none.
 */
export async function confirmPasswordReset(
  ctx: AppContext,
  settings: SessionSettings,
  input: PasswordResetConfirmation,
  client: ClientInfo,
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return keepingRefusals(ctx, async (tx) => {
    const [link] = await tx
      .select()
      .from(accountLinks)
      .where(eq(accountLinks.tokenHash, digest(input.token)))
      .for('update');
    if (!link || !linkIsOpen(link, now)) throw new AppError('invalid', 'account_link_invalid', 'token');
    const account: Account = link.agentId
      ? { type: 'agent', id: link.agentId }
      : { type: 'contact', id: link.contactId ?? '' };
    // A mailbox is not a second factor: an account with an authenticator proves it here as at sign-in.
    const refused = await proveSecondFactor(tx, account, input.code, now);
    if (refused) return refused;
    const table = tableOf(account);
    const [row] = await tx
      .update(table)
      .set({ passwordHash, updatedAt: now })
      .where(and(eq(table.id, account.id), eq(table.active, true)))
      .returning();
    if (!row) throw new AppError('invalid', 'account_link_invalid', 'token');
    await tx.update(accountLinks).set({ usedAt: now }).where(eq(accountLinks.id, link.id));
    await voidOpenLinks(tx, account, now);
    await tx.delete(sessions).where(sessionsOf(account));
    const actor =
      account.type === 'agent'
        ? agentActor(row as typeof agents.$inferSelect)
        : contactActor(row as typeof contacts.$inferSelect);
    await recordAudit(tx, actor, now, {
      entity: account.type,
      entityId: account.id,
      action: 'update',
      organizationId: actor.type === 'contact' ? actor.organizationId : null,
      before: { passwordChangedAt: null },
      after: { passwordChangedAt: now.toISOString(), by: link.kind },
    });
    return openSession(tx, settings, actor, now, client);
  });
}

/**
 * An administrator mails a person the link to set their password: an invitation while they have none,
 * a reset once they have one (a person who lost the first mail, or forgot the password).
 */
export async function sendInvitation(ctx: AppContext, actor: Actor, account: Account): Promise<void> {
  requireAdmin(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] =
      account.type === 'agent'
        ? await tx
            .select({
              active: agents.active,
              passwordHash: agents.passwordHash,
              organizationId: sql<null>`null`,
              directory: agents.directory,
            })
            .from(agents)
            .where(eq(agents.id, account.id))
            .for('update')
        : await tx
            .select({
              active: contacts.active,
              passwordHash: contacts.passwordHash,
              organizationId: contacts.organizationId,
              directory: sql<null>`null`,
            })
            .from(contacts)
            .where(eq(contacts.id, account.id))
            .for('update');
    if (!row) throw notFound();
    if (!row.active) throw new AppError('conflict', 'account_inactive');
    if (row.directory) throw new AppError('conflict', 'directory_account');
    const kind = row.passwordHash ? 'reset' : 'invitation';
    await issueAccountLink(tx, account, kind, now);
    await recordAudit(tx, actor, now, {
      entity: account.type,
      entityId: account.id,
      action: 'update',
      organizationId: row.organizationId,
      before: { linkSentAt: null },
      after: { linkSentAt: now.toISOString(), kind },
    });
  });
}
