import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A credential's secret: 256 random bits, URL-safe. */
export const newSecret = () => randomBytes(32).toString('base64url');
/** Secrets are stored as their SHA-256 digest only. */
export const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
