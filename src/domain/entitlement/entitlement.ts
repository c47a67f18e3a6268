import { moscowDate } from '../calendar/moscowTime.js';
import { positionInPeriod, type ValidityPeriod } from './period.js';

export const LEVELS = ['standard', 'extended'] as const;
export type Level = (typeof LEVELS)[number];

const LEVEL_RANK: Record<Level, number> = { standard: 1, extended: 2 };

export interface ContactFacts {
  id: string;
  organizationId: string;
  active: boolean;
}

export interface InstanceFacts {
  id: string;
  organizationId: string;
  productId: string;
}

export interface CertificateFacts extends ValidityPeriod {
  id: string;
  number: string;
  level: Level;
  validTo: string;
  instanceIds: readonly string[];
}

export interface LicenseFacts extends ValidityPeriod {
  id: string;
  number: string;
  productIds: readonly string[];
}

export const ENTITLEMENT_REFUSALS = [
  'contact_unknown',
  'contact_inactive',
  'instance_not_of_contact_org',
  'instance_not_covered',
  'certificate_not_yet_valid',
  'certificate_expired',
  'license_missing',
  'license_expired',
] as const;
export type EntitlementRefusal = (typeof ENTITLEMENT_REFUSALS)[number];

export type EntitlementDecision =
  | {
      ok: true;
      level: Level;
      certificate: Pick<CertificateFacts, 'id' | 'number' | 'level' | 'validFrom' | 'validTo'>;
      license: Pick<LicenseFacts, 'id' | 'number' | 'validFrom' | 'validTo'>;
    }
  | { ok: false; reason: EntitlementRefusal };

export interface EntitlementQuestion {
  /** null when nobody with that identity is registered as a contact. */
  contact: ContactFacts | null;
  instance: InstanceFacts;
  /** The certificates of the instance's organization; those not naming the instance are ignored. */
  certificates: readonly CertificateFacts[];
  /** The licenses of the instance's organization. */
  licenses: readonly LicenseFacts[];
  at: Date;
}

/**
 * Whether a contact may file a request for an instance at an instant (policy §2.1-§2.5).
 * Among several certificates valid that day the highest level wins: the customer paid for it.
 * When none is valid, a certificate still to come is reported before an expired one, because
 * that is the one the customer can act on (it is a renewal waiting to start).
 */
export function decideEntitlement(question: EntitlementQuestion): EntitlementDecision {
  const { contact, instance, at } = question;
  if (contact === null) return refuse('contact_unknown');
  if (!contact.active) return refuse('contact_inactive');
  if (contact.organizationId !== instance.organizationId) return refuse('instance_not_of_contact_org');

  const covering = question.certificates.filter((certificate) =>
    certificate.instanceIds.includes(instance.id),
  );
  if (covering.length === 0) return refuse('instance_not_covered');

  const day = moscowDate(at);
  const validCertificates = covering.filter((certificate) => positionInPeriod(certificate, day) === 'within');
  const certificate = validCertificates.sort(byLevelThenLongestValidity)[0];
  if (!certificate) {
    const upcoming = covering.some((candidate) => positionInPeriod(candidate, day) === 'before');
    return refuse(upcoming ? 'certificate_not_yet_valid' : 'certificate_expired');
  }

  const licenses = question.licenses.filter((license) => license.productIds.includes(instance.productId));
  const license = licenses.find((candidate) => positionInPeriod(candidate, day) === 'within');
  if (!license) {
    const expired = licenses.some((candidate) => positionInPeriod(candidate, day) === 'after');
    return refuse(expired ? 'license_expired' : 'license_missing');
  }

  return {
    ok: true,
    level: certificate.level,
    certificate: {
      id: certificate.id,
      number: certificate.number,
      level: certificate.level,
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
    },
    license: {
      id: license.id,
      number: license.number,
      validFrom: license.validFrom,
      validTo: license.validTo,
    },
  };
}

function refuse(reason: EntitlementRefusal): EntitlementDecision {
  return { ok: false, reason };
}

function byLevelThenLongestValidity(a: CertificateFacts, b: CertificateFacts): number {
  const byLevel = LEVEL_RANK[b.level] - LEVEL_RANK[a.level];
  if (byLevel !== 0) return byLevel;
  return b.validTo.localeCompare(a.validTo);
}
