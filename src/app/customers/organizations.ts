import { and, asc, eq } from 'drizzle-orm';
import {
  type OrganizationInput,
  type OrganizationUpdate,
  registryKindsMatch,
} from '../../contract/organizations.js';
import { theRow } from '../../db/errors.js';
import {
  certificatesOf,
  contactsOf,
  findOrganization,
  instancesOf,
  licensesOf,
} from '../../db/repositories/entitlementRecords.js';
import { contacts, organizations } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import {
  certificateView,
  contactView,
  instanceView,
  licenseView,
  organizationView,
} from '../tickets/views.js';
import { requireVisibleOrganization, visibleOrganizationsCondition } from './organizationAccess.js';

export async function listOrganizations(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .select()
    .from(organizations)
    .where(visibleOrganizationsCondition(actor))
    .orderBy(asc(organizations.name));
  return rows.map(organizationView);
}

export async function createOrganization(ctx: AppContext, actor: Actor, input: OrganizationInput) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(organizations)
            .values({ ...input, createdAt: now, updatedAt: now })
            .returning(),
        uniqueRules(input),
      ),
    );
    const view = organizationView(row);
    await recordAudit(tx, actor, now, {
      entity: 'organization',
      entityId: row.id,
      action: 'create',
      organizationId: row.id,
      before: null,
      after: view,
    });
    return view;
  });
}

const uniqueRules = (input: { name?: string; inn?: string | null }) => ({
  organizations_name_unique: { code: 'organization_name_taken', field: 'name', value: input.name ?? '' },
  organizations_inn_unique: { code: 'organization_inn_taken', field: 'inn', value: input.inn ?? '' },
});

/**
 * Changes an organization's name and registry numbers, or makes it a former customer and back. A former
 * customer's active contacts are made inactive with it (their sessions and tokens stop at once: they
 * are checked on every request) and active again with it; its requests, history and reports stay.
 */
export async function updateOrganization(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: OrganizationUpdate,
) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for('update');
    if (!before) throw notFound();
    const next = { ...before, ...input };
    if (!registryKindsMatch(next)) throw new AppError('invalid', 'organization_registry_kind', 'ogrn');
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .update(organizations)
            .set({ ...input, updatedAt: now })
            .where(eq(organizations.id, organizationId))
            .returning(),
        uniqueRules(next),
      ),
    );
    if (before.active && !row.active) {
      await tx
        .update(contacts)
        .set({ active: false, suspendedWithOrganization: true, updatedAt: now })
        .where(and(eq(contacts.organizationId, row.id), eq(contacts.active, true)));
    } else if (!before.active && row.active) {
      await tx
        .update(contacts)
        .set({ active: true, suspendedWithOrganization: false, updatedAt: now })
        .where(and(eq(contacts.organizationId, row.id), eq(contacts.suspendedWithOrganization, true)));
    }
    await recordAudit(tx, actor, now, {
      entity: 'organization',
      entityId: row.id,
      action: 'update',
      organizationId: row.id,
      before: organizationView(before),
      after: organizationView(row),
    });
    return organizationView(row);
  });
}

/** An organization with everything its entitlement is made of. */
export async function getOrganization(ctx: AppContext, actor: Actor, organizationId: string) {
  await requireVisibleOrganization(ctx.db, actor, organizationId);
  const organization = await findOrganization(ctx.db, organizationId);
  if (!organization) throw notFound();
  const today = moscowDate(ctx.clock.now());
  const [licenses, instances, certificates, contacts] = await Promise.all([
    licensesOf(ctx.db, organizationId),
    instancesOf(ctx.db, organizationId),
    certificatesOf(ctx.db, organizationId),
    contactsOf(ctx.db, organizationId),
  ]);
  return {
    ...organizationView(organization),
    licenses: licenses.map((license) => licenseView(license, today)),
    instances: instances.map(instanceView),
    certificates: certificates.map((certificate) => certificateView(certificate, today)),
    contacts: contacts.map(contactView),
  };
}

/** Loads an organization an actor may see, or answers "not found" the same way whether it exists or not. */
export async function visibleOrganization(ctx: AppContext, actor: Actor, organizationId: string) {
  await requireVisibleOrganization(ctx.db, actor, organizationId);
  const organization = await findOrganization(ctx.db, organizationId);
  if (!organization) throw notFound();
  return organization;
}
