import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../database.js';
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

/**
 * Everything the entitlement decision needs about one organization, in two queries (certificates with
 * the instances they name, licenses with the products they cover): it runs for every new request.
 */
export async function entitlementFacts(db: Queryable, organizationId: string) {
  const [certificateRows, licenseRows] = await Promise.all([
    db
      .select({
        id: certificates.id,
        number: certificates.number,
        level: certificates.level,
        validFrom: certificates.validFrom,
        validTo: certificates.validTo,
        instanceIds: sql<
          string[]
        >`coalesce(array_agg(${certificateInstances.instanceId}) filter (where ${certificateInstances.instanceId} is not null), '{}')`,
      })
      .from(certificates)
      .leftJoin(certificateInstances, eq(certificateInstances.certificateId, certificates.id))
      .where(eq(certificates.organizationId, organizationId))
      .groupBy(certificates.id),
    db
      .select({
        id: licenses.id,
        number: licenses.number,
        validFrom: licenses.validFrom,
        validTo: licenses.validTo,
        productIds: sql<
          string[]
        >`coalesce(array_agg(${licenseProducts.productId}) filter (where ${licenseProducts.productId} is not null), '{}')`,
      })
      .from(licenses)
      .leftJoin(licenseProducts, eq(licenseProducts.licenseId, licenses.id))
      .where(eq(licenses.organizationId, organizationId))
      .groupBy(licenses.id),
  ]);
  return { certificates: certificateRows, licenses: licenseRows };
}
