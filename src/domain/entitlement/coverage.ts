import type { InstanceFacts } from './entitlement.js';

export type CoverageRefusal = 'certificate_instance_limit' | 'instance_not_of_certificate_org';

export type CoverageDecision = { ok: true } | { ok: false; reason: CoverageRefusal; instanceId?: string };

/**
 * Whether a certificate may name exactly these instances: only its own organization's, and no
 * more than it was sold for (policy §2.3).
 */
export function decideCoverage(
  certificate: { organizationId: string; maxInstances: number },
  instances: readonly InstanceFacts[],
): CoverageDecision {
  const foreign = instances.find((instance) => instance.organizationId !== certificate.organizationId);
  if (foreign) return { ok: false, reason: 'instance_not_of_certificate_org', instanceId: foreign.id };
  const distinct = new Set(instances.map((instance) => instance.id));
  if (distinct.size > certificate.maxInstances) return { ok: false, reason: 'certificate_instance_limit' };
  return { ok: true };
}
