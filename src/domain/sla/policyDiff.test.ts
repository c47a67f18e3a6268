import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type PolicyVersion } from './policy.js';
import { policyChanges } from './policyDiff.js';

describe('policyChanges', () => {
  it('finds nothing between a version and itself', () => {
    expect(policyChanges(DEFAULT_POLICY, DEFAULT_POLICY)).toEqual([]);
  });

  it('names each rule that changed, with its old and new value', () => {
    const next: PolicyVersion = {
      ...DEFAULT_POLICY,
      id: '2027-01-01',
      effectiveFrom: '2027-01-01',
      response: {
        ...DEFAULT_POLICY.response,
        standard: { ...DEFAULT_POLICY.response.standard, critical: { clock: 'business', hours: 6 } },
      },
      channels: { ...DEFAULT_POLICY.channels, telegram: 'daily' },
    };
    expect(policyChanges(DEFAULT_POLICY, next)).toEqual([
      {
        kind: 'response',
        level: 'standard',
        severity: 'critical',
        from: { clock: 'business', hours: 8 },
        to: { clock: 'business', hours: 6 },
      },
      { kind: 'channel', channel: 'telegram', from: 'business', to: 'daily' },
    ]);
  });
  it('names a follow-up target set where there was none', () => {
    const next: PolicyVersion = {
      ...DEFAULT_POLICY,
      id: '2027-01-01',
      effectiveFrom: '2027-01-01',
      followUp: { extended: { critical: { clock: 'daily', hours: 2 } } },
    };
    expect(policyChanges(DEFAULT_POLICY, next)).toEqual([
      {
        kind: 'follow_up',
        level: 'extended',
        severity: 'critical',
        from: null,
        to: { clock: 'daily', hours: 2 },
      },
    ]);
  });
});
