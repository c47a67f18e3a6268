/**
 * The links the desk mails so that a person can set a password without anyone typing it for them:
 * an invitation for a new account, a reset for a forgotten password. Each is single-use and short-lived.
 */
export const ACCOUNT_LINK_KINDS = ['invitation', 'reset'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

const HOUR_MS = 3_600_000;

/** An invitation waits three days for a person to find it; a reset is asked for by someone at the screen. */
export const ACCOUNT_LINK_VALIDITY_MS: Record<AccountLinkKind, number> = {
  invitation: 72 * HOUR_MS,
  reset: HOUR_MS,
};

/** Resets mailed to one address within an hour; past it a request is answered alike and sends nothing. */
export const RESETS_PER_ADDRESS_PER_HOUR = 3;

export interface AccountLinkState {
  expiresAt: Date;
  usedAt: Date | null;
  voidedAt: Date | null;
}

export const linkExpiry = (kind: AccountLinkKind, issuedAt: Date) =>
  new Date(issuedAt.getTime() + ACCOUNT_LINK_VALIDITY_MS[kind]);

/** A link sets a password once, before it expires, unless a newer link or a password change voided it. */
export function linkIsOpen(link: AccountLinkState, now: Date): boolean {
  return link.usedAt === null && link.voidedAt === null && now < link.expiresAt;
}
