import { eq } from 'drizzle-orm';
import type { CertificateInput, CertificateUpdate } from '../../contract/organizations.js';
import type { Queryable } from '../../db/database.js';
import { theRow } from '../../db/errors.js';
import {
  type CertificateRecord,
  findCertificate,
  findInstances,
  replaceCertificateInstances,
} from '../../db/repositories/entitlementRecords.js';
import { certificates } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { decideCoverage } from '../../domain/entitlement/coverage.js';
import { isPeriodOrdered } from '../../domain/entitlement/period.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { certificateView } from '../tickets/views.js';
import { requireVisibleOrganization } from './organizationAccess.js';
import { visibleOrganization } from './organizations.js';

interface CertificateTerms {
  organizationId: string;
  validFrom: string;
  validTo: string;
  maxInstances: number;
  instanceIds: readonly string[];
}

/** The certificate's terms must hold together: a forward period, and instances it may name. */
async function assertTermsHold(
  db: Queryable,
  terms: CertificateTerms,
  instancesField: string,
): Promise<void> {
  if (!isPeriodOrdered(terms)) throw new AppError('invalid', 'period_reversed', 'validTo');
  const found = await findInstances(db, terms.instanceIds);
  const foundIds = new Set(found.map((instance) => instance.id));
  const unknownIndex = terms.instanceIds.findIndex((instanceId) => !foundIds.has(instanceId));
  if (unknownIndex >= 0) {
    throw new AppError('invalid', 'instance_unknown', `instanceIds.${unknownIndex}`, {
      value: terms.instanceIds[unknownIndex] ?? '',
    });
  }
  const decision = decideCoverage(terms, found);
  if (decision.ok) return;
  if (decision.reason === 'instance_not_of_certificate_org') {
    const index = terms.instanceIds.indexOf(decision.instanceId ?? '');
    throw new AppError('invalid', decision.reason, `instanceIds.${index}`, {
      value: decision.instanceId ?? '',
    });
  }
  throw new AppError('invalid', decision.reason, instancesField, {
    maxInstances: terms.maxInstances,
    requested: new Set(terms.instanceIds).size,
  });
}

function auditSnapshot(record: CertificateRecord) {
  return {
    number: record.number,
    level: record.level,
    validFrom: record.validFrom,
    validTo: record.validTo,
    maxInstances: record.maxInstances,
    instanceIds: record.instanceIds,
  };
}

export async function createCertificate(
  ctx: AppContext,
  actor: Actor,
  organizationId: string,
  input: CertificateInput,
) {
  await visibleOrganization(ctx, actor, organizationId);
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await assertTermsHold(tx, { ...input, organizationId }, 'instanceIds');
    const row = theRow(
      await guardUnique(
        () =>
          tx
            .insert(certificates)
            .values({
              organizationId,
              number: input.number,
              level: input.level,
              validFrom: input.validFrom,
              validTo: input.validTo,
              maxInstances: input.maxInstances,
              createdAt: now,
              updatedAt: now,
            })
            .returning(),
        {
          certificates_number_unique: {
            code: 'certificate_number_taken',
            field: 'number',
            value: input.number,
          },
        },
      ),
    );
    await replaceCertificateInstances(tx, row.id, input.instanceIds);
    const record = await findCertificate(tx, row.id);
    if (!record) throw new Error('certificate vanished inside its own transaction');
    await recordAudit(tx, actor, now, {
      entity: 'certificate',
      entityId: row.id,
      action: 'create',
      organizationId,
      before: null,
      after: auditSnapshot(record),
    });
    return certificateView(record, moscowDate(now));
  });
}

export async function updateCertificate(
  ctx: AppContext,
  actor: Actor,
  certificateId: string,
  changes: CertificateUpdate,
) {
  const existing = await findCertificate(ctx.db, certificateId);
  if (!existing) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, existing.organizationId);
  requireAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The row lock makes concurrent edits of one certificate take turns, so the instance limit
    // is always checked against the set that is really stored.
    await tx
      .select({ id: certificates.id })
      .from(certificates)
      .where(eq(certificates.id, certificateId))
      .for('update');
    const before = await findCertificate(tx, certificateId);
    if (!before) throw notFound();
    const after = { ...before, ...changes, instanceIds: changes.instanceIds ?? before.instanceIds };
    await assertTermsHold(tx, after, changes.instanceIds ? 'instanceIds' : 'maxInstances');
    await tx
      .update(certificates)
      .set({
        level: after.level,
        validFrom: after.validFrom,
        validTo: after.validTo,
        maxInstances: after.maxInstances,
        updatedAt: now,
      })
      .where(eq(certificates.id, certificateId));
    if (changes.instanceIds) await replaceCertificateInstances(tx, certificateId, changes.instanceIds);
    const record = await findCertificate(tx, certificateId);
    if (!record) throw new Error('certificate vanished inside its own transaction');
    await recordAudit(tx, actor, now, {
      entity: 'certificate',
      entityId: certificateId,
      action: 'update',
      organizationId: record.organizationId,
      before: auditSnapshot(before),
      after: auditSnapshot(record),
    });
    return certificateView(record, moscowDate(now));
  });
}

export async function getCertificate(ctx: AppContext, actor: Actor, certificateId: string) {
  const certificate = await findCertificate(ctx.db, certificateId);
  if (!certificate) throw notFound();
  await requireVisibleOrganization(ctx.db, actor, certificate.organizationId);
  return certificateView(certificate, moscowDate(ctx.clock.now()));
}
