import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A telephone number as people write it ("+7 912 345-67-89", "8 (495) 123-45-67", "+420 601 234 567")
 * as E.164 ("+79123456789"), or null when it is not a number of a real numbering plan. A number
 * written without a country code is read as Russian.
 */
export function writtenPhoneToE164(written: string): string | null {
  if (!/^\+?[\d\s().-]+$/.test(written.trim())) return null;
  const parsed = parsePhoneNumberFromString(written, 'RU');
  return parsed?.isValid() ? parsed.number : null;
}
