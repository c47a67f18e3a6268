/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238: six digits, a new code every 30 seconds)
 * and single-use recovery codes for a lost phone.
 */
export const TOTP_PERIOD_SECONDS = 30;
/** A code from the step before or after still signs in: phones' clocks drift, and people type slowly. */
export const TOTP_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/** Recovery codes are shown as xxxxx-xxxxx; they are accepted in any case, with or without the dash. */
export const normalizedRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export const recoveryCodeShown = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;

/** The same code twice within its step is a replay, not a second sign-in. */
export const stepIsFresh = (matchedStep: number, lastUsedStep: number | null) =>
  lastUsedStep === null || matchedStep > lastUsedStep;

/** Wrong codes an account may send in a row before each further one must wait: people mistype. */
export const FREE_CODE_FAILURES = 5;
/**
 * Wrong codes in a row after which the account's authenticator codes are locked, wherever the guesses
 * come from, until a recovery code or an administrator lifts it: 20 guesses of a million codes.
 */
export const LOCK_AFTER_CODE_FAILURES = 20;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

/**
 * What the `failures`-th wrong code in a row costs the account: a wait before the next code is taken,
 * doubling from 30 s after the free ones up to 15 minutes, and a lock at the limit.
 */
export function afterWrongCode(failures: number): { waitMs: number; locked: boolean } {
  if (failures >= LOCK_AFTER_CODE_FAILURES) return { waitMs: 0, locked: true };
  if (failures < FREE_CODE_FAILURES) return { waitMs: 0, locked: false };
  const doubled = FIRST_WAIT_MS * 2 ** (failures - FREE_CODE_FAILURES);
  return { waitMs: Math.min(doubled, LONGEST_WAIT_MS), locked: false };
}
