import { asc } from 'drizzle-orm';
import type { OrganizationInput } from '../contract/organizations.js';
import { theRow } from '../db/errors.js';
import {
  certificatesOf,
  contactsOf,
  findOrganization,
  instancesOf,
  licensesOf,
} from '../db/repositories/entitlementRecords.js';
import { organizations } from '../db/schema.js';
import { moscowDate } from '../domain/calendar/moscowTime.js';
import { type Actor, requireAdmin } from './actor.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { notFound } from './errors.js';
import { requireVisibleOrganization, visibleOrganizationsCondition } from './organizationAccess.js';
import { guardUnique } from './uniqueness.js';
import { certificateView, contactView, instanceView, licenseView, organizationView } from './views.js';

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
        {
          organizations_name_unique: { code: 'organization_name_taken', field: 'name', value: input.name },
          organizations_inn_unique: { code: 'organization_inn_taken', field: 'inn', value: input.inn ?? '' },
        },
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
