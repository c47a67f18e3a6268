import { describe, expect, it } from 'vitest';
import { isValidInn, isValidKpp, isValidOgrn } from './registryNumbers.js';

describe('Russian registry numbers', () => {
  it('takes an INN whose check digits are right, for a company and a sole trader', () => {
    // Sberbank's (a company's, 10 digits) and a sole trader's 12-digit INN from the tax service's examples.
    expect(isValidInn('7707083893')).toBe(true);
    expect(isValidInn('500100732259')).toBe(true);
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838931')).toBe(false);
    expect(isValidInn('77070838a3')).toBe(false);
  });

  it('takes a KPP of nine characters, letters only in the reason code', () => {
    expect(isValidKpp('773601001')).toBe(true);
    expect(isValidKpp('7736AB001')).toBe(true);
    expect(isValidKpp('77360100')).toBe(false);
    expect(isValidKpp('77AB01001')).toBe(false);
  });

  it('takes an OGRN or OGRNIP whose check digit is right', () => {
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('1027700132196')).toBe(false);
    expect(isValidOgrn('304500116000157')).toBe(true);
    expect(isValidOgrn('304500116000158')).toBe(false);
    expect(isValidOgrn('10277001321')).toBe(false);
  });
});
