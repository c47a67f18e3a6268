import { describe, expect, it } from 'vitest';
import {
  afterWrongCode,
  FREE_CODE_FAILURES,
  isTotpCode,
  LOCK_AFTER_CODE_FAILURES,
  normalizedRecoveryCode,
  recoveryCodeShown,
  stepIsFresh,
} from './secondFactor.js';

describe('second factor codes', () => {
  it('tells an authenticator code from a recovery code', () => {
    expect(isTotpCode('123456')).toBe(true);
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('abcde-fghij')).toBe(false);
  });

  it('reads a recovery code in any case, with or without its dash', () => {
    expect(normalizedRecoveryCode(' ABCDE-fghij ')).toBe('abcdefghij');
    expect(recoveryCodeShown('abcdefghij')).toBe('abcde-fghij');
  });

  it('refuses a step already used', () => {
    expect(stepIsFresh(100, null)).toBe(true);
    expect(stepIsFresh(101, 100)).toBe(true);
    expect(stepIsFresh(100, 100)).toBe(false);
    expect(stepIsFresh(99, 100)).toBe(false);
  });

  it('lets a few wrong codes pass, then makes each wait longer, then locks', () => {
    expect(afterWrongCode(FREE_CODE_FAILURES - 1)).toEqual({ waitMs: 0, locked: false });
    expect(afterWrongCode(FREE_CODE_FAILURES)).toEqual({ waitMs: 30_000, locked: false });
    expect(afterWrongCode(FREE_CODE_FAILURES + 1)).toEqual({ waitMs: 60_000, locked: false });
    expect(afterWrongCode(LOCK_AFTER_CODE_FAILURES - 1)).toEqual({ waitMs: 15 * 60_000, locked: false });
    expect(afterWrongCode(LOCK_AFTER_CODE_FAILURES)).toEqual({ waitMs: 0, locked: true });
  });
});
