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
