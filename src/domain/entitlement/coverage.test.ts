import { describe, expect, it } from 'vitest';
import { decideCoverage } from './coverage.js';

const own = (id: string) => ({ id, organizationId: 'org-a', productId: 'esb' });

describe('decideCoverage', () => {
  it('accepts up to maxInstances of the own organization', () => {
    expect(decideCoverage({ organizationId: 'org-a', maxInstances: 2 }, [own('i1'), own('i2')])).toEqual({
      ok: true,
    });
  });

  it('refuses one instance more than maxInstances', () => {
    expect(
      decideCoverage({ organizationId: 'org-a', maxInstances: 2 }, [own('i1'), own('i2'), own('i3')]),
    ).toEqual({ ok: false, reason: 'certificate_instance_limit' });
  });

  it('counts an instance named twice once', () => {
    expect(decideCoverage({ organizationId: 'org-a', maxInstances: 1 }, [own('i1'), own('i1')]).ok).toBe(
      true,
    );
  });

  it('refuses an instance of another organization and names it', () => {
    const foreign = { id: 'x', organizationId: 'org-b', productId: 'esb' };
    expect(decideCoverage({ organizationId: 'org-a', maxInstances: 5 }, [own('i1'), foreign])).toEqual({
      ok: false,
      reason: 'instance_not_of_certificate_org',
      instanceId: 'x',
    });
  });
});
