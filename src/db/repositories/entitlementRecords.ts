import { asc, eq, inArray, type SQLWrapper, sql } from 'drizzle-orm';
import type { CertificateFacts, LicenseFacts } from '../../domain/entitlement/entitlement.js';
import { preparedStatement, type Queryable, rowsOf } from '../database.js';
import {
  certificateInstances,
  certificates,
  contacts,
  instances,
  licenseProducts,
  licenses,
  organizations,
  products,
} from '../schema.js';

export type OrganizationRow = typeof organizations.$inferSelect;
export type LicenseRow = typeof licenses.$inferSelect;
export type InstanceRow = typeof instances.$inferSelect;
export type CertificateRow = typeof certificates.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type ProductRow = typeof products.$inferSelect;

export type LicenseRecord = LicenseRow & { products: ProductRow[] };
export type CertificateRecord = CertificateRow & { instanceIds: string[] };

export async function findOrganization(db: Queryable, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function findInstance(db: Queryable, id: string): Promise<InstanceRow | undefined> {
  const [row] = await db.select().from(instances).where(eq(instances.id, id));
  return row;
}

export async function findInstances(db: Queryable, ids: readonly string[]): Promise<InstanceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(instances)
    .where(inArray(instances.id, [...ids]));
}

export async function findContact(db: Queryable, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

export async function findContactByEmail(db: Queryable, email: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(eq(contacts.email, email.toLowerCase()));
  return row;
}

export async function findProducts(db: Queryable, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(products)
    .where(inArray(products.id, [...ids]));
}

export async function findLicense(db: Queryable, id: string): Promise<LicenseRecord | undefined> {
  const [row] = await db.select().from(licenses).where(eq(licenses.id, id));
  if (!row) return undefined;
  const [record] = await withProducts(db, [row]);
  return record;
}

export async function findCertificate(db: Queryable, id: string): Promise<CertificateRecord | undefined> {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, id));
  if (!row) return undefined;
  const [record] = await withInstanceIds(db, [row]);
  return record;
}

export async function licensesOf(db: Queryable, organizationId: string): Promise<LicenseRecord[]> {
  const rows = await db
    .select()
    .from(licenses)
    .where(eq(licenses.organizationId, organizationId))
    .orderBy(asc(licenses.validFrom), asc(licenses.number));
  return withProducts(db, rows);
}

export async function certificatesOf(db: Queryable, organizationId: string): Promise<CertificateRecord[]> {
  const rows = await db
    .select()
    .from(certificates)
    .where(eq(certificates.organizationId, organizationId))
    .orderBy(asc(certificates.validFrom), asc(certificates.number));
  return withInstanceIds(db, rows);
}

export async function instancesOf(db: Queryable, organizationId: string): Promise<InstanceRow[]> {
  return db
    .select()
    .from(instances)
    .where(eq(instances.organizationId, organizationId))
    .orderBy(asc(instances.name));
}

export async function contactsOf(db: Queryable, organizationId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(contacts)
    .where(eq(contacts.organizationId, organizationId))
    .orderBy(asc(contacts.name));
}

export async function replaceCertificateInstances(
  db: Queryable,
  certificateId: string,
  instanceIds: readonly string[],
): Promise<void> {
  await db.delete(certificateInstances).where(eq(certificateInstances.certificateId, certificateId));
  const distinct = [...new Set(instanceIds)];
  if (distinct.length > 0) {
    await db
      .insert(certificateInstances)
      .values(distinct.map((instanceId) => ({ certificateId, instanceId })));
  }
}

async function withProducts(db: Queryable, rows: LicenseRow[]): Promise<LicenseRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select({ licenseId: licenseProducts.licenseId, product: products })
    .from(licenseProducts)
    .innerJoin(products, eq(products.id, licenseProducts.productId))
    .where(
      inArray(
        licenseProducts.licenseId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(products.code));
  return rows.map((row) => ({
    ...row,
    products: links.filter((link) => link.licenseId === row.id).map((link) => link.product),
  }));
}

async function withInstanceIds(db: Queryable, rows: CertificateRow[]): Promise<CertificateRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(certificateInstances)
    .where(
      inArray(
        certificateInstances.certificateId,
        rows.map((row) => row.id),
      ),
    );
  return rows.map((row) => ({
    ...row,
    instanceIds: links
      .filter((link) => link.certificateId === row.id)
      .map((link) => link.instanceId)
      .sort(),
  }));
}

/** The certificates of an organization as the entitlement decision reads them, with the instances each names. */
function certificateFactsOf(organizationId: SQLWrapper | string) {
  return sql<CertificateFacts[]>`(select coalesce(jsonb_agg(jsonb_build_object(
      'id', ${certificates.id}, 'number', ${certificates.number}, 'level', ${certificates.level},
      'validFrom', ${certificates.validFrom}, 'validTo', ${certificates.validTo},
      'instanceIds', (select coalesce(jsonb_agg(${certificateInstances.instanceId}), '[]'::jsonb)
        from ${certificateInstances} where ${certificateInstances.certificateId} = ${certificates.id})
    )), '[]'::jsonb)
    from ${certificates} where ${certificates.organizationId} = ${organizationId})`;
}

/** The licenses of an organization as the entitlement decision reads them, with the products each covers. */
function licenseFactsOf(organizationId: SQLWrapper | string) {
  return sql<LicenseFacts[]>`(select coalesce(jsonb_agg(jsonb_build_object(
      'id', ${licenses.id}, 'number', ${licenses.number},
      'validFrom', ${licenses.validFrom}, 'validTo', ${licenses.validTo},
      'productIds', (select coalesce(jsonb_agg(${licenseProducts.productId}), '[]'::jsonb)
        from ${licenseProducts} where ${licenseProducts.licenseId} = ${licenses.id})
    )), '[]'::jsonb)
    from ${licenses} where ${licenses.organizationId} = ${organizationId})`;
}

/** Everything the entitlement decision needs about one organization, in one query. */
export async function entitlementFacts(
  db: Queryable,
  organizationId: string,
): Promise<{ certificates: CertificateFacts[]; licenses: LicenseFacts[] }> {
  const [row] = await rowsOf<{ certificates: CertificateFacts[]; licenses: LicenseFacts[] }>(
    db,
    sql`select ${certificateFactsOf(organizationId)} as certificates, ${licenseFactsOf(organizationId)} as licenses`,
  );
  return row ?? { certificates: [], licenses: [] };
}

const intakeFactsStatement = preparedStatement((db) =>
  db
    .select({
      instance: instances,
      contact: contacts,
      certificates: certificateFactsOf(instances.organizationId),
      licenses: licenseFactsOf(instances.organizationId),
    })
    .from(instances)
    .leftJoin(contacts, eq(contacts.id, sql.placeholder('contactId')))
    .where(eq(instances.id, sql.placeholder('instanceId')))
    .prepare('intake_facts'),
);

/**
 * The instance a request names, the contact filing it and the entitlement facts of the instance's
 * organization, in one round trip: it runs for every request that reaches the desk.
 */
export async function intakeFacts(db: Queryable, instanceId: string, contactId: string | null) {
  const [row] = await intakeFactsStatement(db).execute({ instanceId, contactId });
  return row;
}
