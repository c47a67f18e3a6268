import { describe, expect, it } from 'vitest';
import { linkExpiry, linkIsOpen } from './accountLinks.js';

const issued = new Date('2026-12-01T09:00:00Z');

describe('account links', () => {
  it('lets an invitation wait 72 hours and a reset one hour', () => {
    expect(linkExpiry('invitation', issued).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    expect(linkExpiry('reset', issued).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('opens a link once, before it expires, unless it was voided', () => {
    const link = { expiresAt: linkExpiry('reset', issued), usedAt: null, voidedAt: null };
    expect(linkIsOpen(link, new Date('2026-12-01T09:59:59Z'))).toBe(true);
    expect(linkIsOpen(link, new Date('2026-12-01T10:00:00Z'))).toBe(false);
    expect(linkIsOpen({ ...link, usedAt: issued }, issued)).toBe(false);
    expect(linkIsOpen({ ...link, voidedAt: issued }, issued)).toBe(false);
  });
});
