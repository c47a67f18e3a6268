import { describe, expect, it } from 'vitest';
import { phoneCallRefusal } from './phoneIntake.js';

const now = new Date('2026-12-01T10:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('when a phoned-in request may be registered', () => {
  it('takes the call from now back to a full day, and nothing outside', () => {
    expect(phoneCallRefusal(now, now)).toBeNull();
    expect(phoneCallRefusal(at(-24 * 3_600_000), now)).toBeNull();
    expect(phoneCallRefusal(at(-24 * 3_600_000 - 1), now)).toBe('phone_call_too_old');
    expect(phoneCallRefusal(at(1), now)).toBe('phone_call_in_future');
  });
});
