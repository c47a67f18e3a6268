/**
 * The numbers a Russian organization is registered by, checked as the Federal Tax Service writes them:
 * ИНН (10 digits for a company, 12 for a sole trader, with check digits), КПП (9 characters) and ОГРН
 * (13 digits for a company, ОГРНИП 15 for a sole trader, with a check digit).
 */

const digits = (value: string) => [...value].map(Number);

/** The check digit of a weighted sum: the remainder by 11, then by 10. */
const checkDigit = (value: readonly number[], weights: readonly number[]) =>
  (weights.reduce((sum, weight, index) => sum + weight * (value[index] ?? 0), 0) % 11) % 10;

const INN_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) {
    const n = digits(inn);
    return checkDigit(n, INN_10) === n[9];
  }
  if (/^\d{12}$/.test(inn)) {
    const n = digits(inn);
    return checkDigit(n, INN_11) === n[10] && checkDigit(n, INN_12) === n[11];
  }
  return false;
}

/** Four digits of the tax office, two of the reason (digits or capital Latin letters), three of the number. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}

/** The number without its last digit, by 11 (ОГРН) or 13 (ОГРНИП), then by 10, is the last digit. */
export function isValidOgrn(ogrn: string): boolean {
  const divisor = ogrn.length === 13 ? 11n : ogrn.length === 15 ? 13n : null;
  if (!divisor || !/^\d+$/.test(ogrn)) return false;
  return Number((BigInt(ogrn.slice(0, -1)) % divisor) % 10n) === Number(ogrn.at(-1));
}
