import { describe, expect, it } from 'vitest';
import { writtenPhoneToE164 } from './phone.js';

describe('a phone number as people write it', () => {
  it('reads the usual Russian forms, and foreign numbers with their code, as E.164', () => {
    for (const written of [
      '+7 912 345-67-89',
      '8 (912) 345-67-89',
      '89123456789',
      '+7(912)345-67-89',
      '912 345-67-89',
    ]) {
      expect(writtenPhoneToE164(written), written).toBe('+79123456789');
    }
    expect(writtenPhoneToE164('8 (495) 123-45-67')).toBe('+74951234567');
    expect(writtenPhoneToE164('+420 601 234 567')).toBe('+420601234567');
  });

  it('refuses what is not a number one can call', () => {
    for (const written of [
      '',
      '12345',
      '+7 912 345-67-89 доб. 12',
      '8 912 345 67 8',
      'phone',
      '+7 000 000-00-00',
    ]) {
      expect(writtenPhoneToE164(written), written).toBeNull();
    }
  });
});
