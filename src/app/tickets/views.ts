import type {
  CertificateRecord,
  ContactRow,
  InstanceRow,
  LicenseRecord,
  OrganizationRow,
  ProductRow,
} from '../../db/repositories/entitlementRecords.js';
import { validityStatusOn } from '../../domain/entitlement/period.js';

/** What the use cases hand to every channel: plain data, times as ISO 8601 in UTC, no secrets. */

export function productView(row: ProductRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
  };
}

export function organizationView(row: OrganizationRow) {
  return {
    id: row.id,
    name: row.name,
    inn: row.inn,
    kpp: row.kpp,
    ogrn: row.ogrn,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function licenseView(row: LicenseRecord, today: string) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    number: row.number,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: validityStatusOn(row, today),
    products: row.products.map((product) => ({ id: product.id, code: product.code, name: product.name })),
  };
}

export function instanceView(row: InstanceRow) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    productId: row.productId,
    name: row.name,
    environment: row.environment,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

export function certificateView(row: CertificateRecord, today: string) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    number: row.number,
    level: row.level,
    validFrom: row.validFrom,
    validTo: row.validTo,
    status: validityStatusOn(row, today),
    maxInstances: row.maxInstances,
    instanceIds: row.instanceIds,
  };
}

export function contactView(row: ContactRow) {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    active: row.active,
    canSignIn: row.passwordHash !== null,
    erased: row.erasedAt !== null,
  };
}
