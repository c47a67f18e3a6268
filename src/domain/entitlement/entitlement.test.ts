import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startOfMoscowDay } from '../calendar/moscowTime.js';
import {
  type CertificateFacts,
  decideEntitlement,
  type EntitlementQuestion,
  type LicenseFacts,
} from './entitlement.js';

const ORG = 'org-a';
const contact = { id: 'c1', organizationId: ORG, active: true };
const instance = { id: 'i1', organizationId: ORG, productId: 'esb' };
const certificate: CertificateFacts = {
  id: 'cert-1',
  number: 'C-1',
  level: 'standard',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  instanceIds: ['i1'],
};
const license: LicenseFacts = {
  id: 'lic-1',
  number: 'L-1',
  productIds: ['esb'],
  validFrom: '2025-01-01',
  validTo: null,
};

function ask(overrides: Partial<EntitlementQuestion> = {}) {
  return decideEntitlement({
    contact,
    instance,
    certificates: [certificate],
    licenses: [license],
    at: new Date('2026-06-15T10:00:00Z'),
    ...overrides,
  });
}

describe('decideEntitlement', () => {
  it('grants the level of the covering certificate with the certificate and license', () => {
    expect(ask()).toEqual({
      ok: true,
      level: 'standard',
      certificate: {
        id: 'cert-1',
        number: 'C-1',
        level: 'standard',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
      },
      license: { id: 'lic-1', number: 'L-1', validFrom: '2025-01-01', validTo: null },
    });
  });

  it('refuses an unknown contact', () => {
    expect(ask({ contact: null })).toEqual({ ok: false, reason: 'contact_unknown' });
  });

  it('refuses an inactive contact', () => {
    expect(ask({ contact: { ...contact, active: false } })).toEqual({
      ok: false,
      reason: 'contact_inactive',
    });
  });

  it('refuses an instance of another organization', () => {
    expect(ask({ contact: { ...contact, organizationId: 'org-b' } })).toEqual({
      ok: false,
      reason: 'instance_not_of_contact_org',
    });
  });

  it('refuses an instance no certificate names', () => {
    expect(ask({ certificates: [{ ...certificate, instanceIds: ['other'] }] })).toEqual({
      ok: false,
      reason: 'instance_not_covered',
    });
    expect(ask({ certificates: [] })).toEqual({ ok: false, reason: 'instance_not_covered' });
  });

  it('refuses before the certificate starts', () => {
    expect(ask({ at: new Date('2025-12-31T20:59:59Z') })).toEqual({
      ok: false,
      reason: 'certificate_not_yet_valid',
    });
  });

  it('refuses after the certificate ends', () => {
    expect(ask({ at: new Date('2026-12-31T21:00:00Z') })).toEqual({
      ok: false,
      reason: 'certificate_expired',
    });
  });

  it('refuses a product no license names', () => {
    expect(ask({ licenses: [{ ...license, productIds: ['registry'] }] })).toEqual({
      ok: false,
      reason: 'license_missing',
    });
    expect(ask({ licenses: [] })).toEqual({ ok: false, reason: 'license_missing' });
  });

  it('treats a license that has not started as missing', () => {
    expect(ask({ licenses: [{ ...license, validFrom: '2026-07-01' }] })).toEqual({
      ok: false,
      reason: 'license_missing',
    });
  });

  it('refuses an expired license', () => {
    expect(ask({ licenses: [{ ...license, validTo: '2026-06-14' }] })).toEqual({
      ok: false,
      reason: 'license_expired',
    });
  });

  it('accepts when one of several licenses for the product is valid', () => {
    const expired = { ...license, id: 'lic-0', validTo: '2025-12-31' };
    const decision = ask({ licenses: [expired, license] });
    expect(decision.ok && decision.license.id).toBe('lic-1');
  });

  it('takes the higher level when two certificates cover the instance on the same day', () => {
    const extended = { ...certificate, id: 'cert-2', number: 'C-2', level: 'extended' as const };
    const decision = ask({ certificates: [certificate, extended] });
    expect(decision.ok && decision.level).toBe('extended');
    expect(decision.ok && decision.certificate.id).toBe('cert-2');
  });

  it('never grants the level of a certificate that is not valid that day', () => {
    const expiredExtended = {
      ...certificate,
      id: 'cert-0',
      level: 'extended' as const,
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    };
    const decision = ask({ certificates: [expiredExtended, certificate] });
    expect(decision.ok && decision.level).toBe('standard');
  });

  it('reports a renewal waiting to start rather than the expired certificate before it', () => {
    const old = { ...certificate, validFrom: '2025-01-01', validTo: '2025-12-31' };
    const renewal = { ...certificate, id: 'cert-2', validFrom: '2026-07-01', validTo: '2027-06-30' };
    expect(ask({ certificates: [old, renewal] })).toEqual({ ok: false, reason: 'certificate_not_yet_valid' });
  });

  it('checks the contact before the instance, and the certificate before the license', () => {
    expect(ask({ contact: null, certificates: [], licenses: [] })).toEqual({
      ok: false,
      reason: 'contact_unknown',
    });
    expect(ask({ certificates: [{ ...certificate, validTo: '2026-01-31' }], licenses: [] })).toEqual({
      ok: false,
      reason: 'certificate_expired',
    });
  });
});

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayArbitrary = fc
  .integer({ min: Date.UTC(2024, 0, 1) / DAY_MS, max: Date.UTC(2030, 11, 31) / DAY_MS })
  .map((day) => isoDay(day * DAY_MS));

describe('validity boundaries in Moscow time (properties)', () => {
  it('a certificate is valid from 00:00 MSK of its first day to the last millisecond of its last day', () => {
    fc.assert(
      fc.property(dayArbitrary, fc.integer({ min: 0, max: 800 }), (validFrom, lengthDays) => {
        const validTo = isoDay(Date.parse(validFrom) + lengthDays * DAY_MS);
        const question = {
          certificates: [{ ...certificate, validFrom, validTo }],
          licenses: [{ ...license, validFrom: '2020-01-01' }],
        };
        const opens = startOfMoscowDay(validFrom).getTime();
        const closes = startOfMoscowDay(validTo).getTime() + DAY_MS;
        expect(ask({ ...question, at: new Date(opens - 1) })).toEqual({
          ok: false,
          reason: 'certificate_not_yet_valid',
        });
        expect(ask({ ...question, at: new Date(opens) }).ok).toBe(true);
        expect(ask({ ...question, at: new Date(closes - 1) }).ok).toBe(true);
        expect(ask({ ...question, at: new Date(closes) })).toEqual({
          ok: false,
          reason: 'certificate_expired',
        });
      }),
    );
  });

  it('a license ending on a day still covers that whole Moscow day and no more', () => {
    fc.assert(
      fc.property(dayArbitrary, fc.integer({ min: 0, max: DAY_MS - 1 }), (validTo, offsetInDay) => {
        const period = { certificates: [{ ...certificate, validFrom: '2020-01-01', validTo: '2035-12-31' }] };
        const licenses = [{ ...license, validFrom: '2020-01-01', validTo }];
        const dayStart = startOfMoscowDay(validTo).getTime();
        expect(ask({ ...period, licenses, at: new Date(dayStart + offsetInDay) }).ok).toBe(true);
        expect(ask({ ...period, licenses, at: new Date(dayStart + DAY_MS + offsetInDay) })).toEqual({
          ok: false,
          reason: 'license_expired',
        });
      }),
    );
  });
});
