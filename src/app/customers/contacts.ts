import { eq } from 'drizzle-orm';
import type { ContactInput, ContactUpdate } from '../../contract/organizations.js';
import type { Queryable } from '../../db/database.js';
import { theRow } from '../../db/errors.js';
import { type ContactRow, findContact } from '../../db/repositories/entitlementRecords.js';
import { agents, contacts } from '../../db/schema.js';
import { issueAccountLink } from '../accounts/accountLinks.js';
import { hashPassword } from '../accounts/passwords.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { contactView } from '../tickets/views.js';
import { requireVisibleOrganization } from './organizationAccess.js';
import { visibleOrganization } from './organizations.js';

/** One e-mail address names one person: it is how the mail channel and sign-in find them. */
async function assertEmailFree(db: Queryable, email: string): Promise<void> {
  const [agent] = await db.select({ id: agents.id }).from(agents).where(eq(agents.email, email));
  if (agent) throw new AppError('conflict', 'email_taken', 'email', { value: email });
}

const emailRule = (email: string) => ({
  contacts_email_unique: { code: 'email_taken', field: 'email', value: email },
});

/** The audit log records that a password was set, never the hash. */
function auditSnapshot(row: ContactRow) {
  const { canSignIn, ...view } = contactView(row);
  return { ...view, passwordSetAt: canSignIn ? row.updatedAt.toISOString() : null };
}

export async function createContact(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: ContactInput,
) {
  await visibleOrganization(ctx, actor, organizationId);
  requireAdmin(actor);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertEmailFree(tx, input.email);
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(contacts)
            .values({
              organizationId,
              name: input.name,
              email: input.email,
              phone: input.phone,
              language: input.language,
              active: input.active,
              passwordHash,
              createdAt: now,
              updatedAt: now,
            })
            .returning(),
        emailRule(input.email),
      ),
    );
    if (!passwordHash && input.invite && row.active) {
      await issueAccountLink(tx, { type: 'contact', id: row.id }, 'invitation', now);
    }
    await recordAudit(tx, actor, now, {
      entity: 'contact',
      entityId: row.id,
      action: 'create',
      organizationId,
      before: null,
      after: auditSnapshot(row),
    });
    return contactView(row);
  });
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  contactId: string,
  changes: ContactUpdate,
) {
  const existing = await findContact(ctx.db, contactId);
  if (!existing) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, existing.organizationId);
  requireAdmin(actor);
  const { password, ...fields } = changes;
  const passwordHash = password ? await hashPassword(password) : undefined;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    if (fields.email && fields.email !== existing.email) await assertEmailFree(tx, fields.email);
    const [row] = await guardUnique(
      () =>
        tx
          .update(contacts)
          .set({ ...fields, ...(passwordHash ? { passwordHash } : {}), updatedAt: now })
          .where(eq(contacts.id, contactId))
          .returning(),
      emailRule(fields.email ?? existing.email),
    );
    if (!row) throw notFound();
    const before = auditSnapshot(existing);
    const after = auditSnapshot(row);
    if (!passwordHash) after.passwordSetAt = before.passwordSetAt;
    await recordAudit(tx, actor, now, {
      entity: 'contact',
      entityId: contactId,
      action: 'update',
      organizationId: row.organizationId,
      before,
      after,
    });
    return contactView(row);
  });
}

export async function getContact(ctx: AppContext, actor: Actor, contactId: string) {
  const contact = await findContact(ctx.db, contactId);
  if (!contact) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, contact.organizationId);
  return contactView(contact);
}
