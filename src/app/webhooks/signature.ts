import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A delivery's signature: HMAC-SHA256 with the endpoint's secret over `<unix seconds>.<body>`, sent as
 * `X-Supportdesk-Signature: t=<unix seconds>,v1=<hex>`. The time inside what is signed lets a receiver
 * refuse an old delivery replayed to it.
 */
export const SIGNATURE_HEADER = 'x-supportdesk-signature';

export function signatureOf(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${signatureOf(secret, timestampSeconds, body)}`;
}

/**
 * What a receiver does: the header read, the signature compared in constant time, the time within
 * `toleranceSeconds` of its own clock. Answers the signed time, or null when the delivery is not genuine.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): number | null {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) return null;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return null;
  const expected = Buffer.from(signatureOf(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? timestamp : null;
}
