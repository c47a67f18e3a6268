import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignature } from './signature.js';

describe('the signature of a delivery', () => {
  const secret = 'whsec_test';
  const body = '{"type":"ticket.created"}';
  const at = 1_795_000_000;

  it('is HMAC-SHA256 over the time, a dot and the body, as a receiver computes it', () => {
    const expected = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
    expect(signatureHeader(secret, at, body)).toBe(`t=${at},v1=${expected}`);
    expect(verifySignature(secret, `t=${at},v1=${expected}`, body, at + 10)).toBe(at);
  });

  it('is refused with another secret, another body, an old time or a bad header', () => {
    const header = signatureHeader(secret, at, body);
    expect(verifySignature('whsec_other', header, body, at)).toBeNull();
    expect(verifySignature(secret, header, `${body} `, at)).toBeNull();
    expect(verifySignature(secret, header, body, at + 301)).toBeNull();
    expect(verifySignature(secret, header.replace(`t=${at}`, `t=${at + 1}`), body, at)).toBeNull();
    expect(verifySignature(secret, 'v1=abc', body, at)).toBeNull();
    expect(verifySignature(secret, '', body, at)).toBeNull();
  });
});
