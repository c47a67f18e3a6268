import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestIdOf } from './requestId.js';

const withHeader = (value?: string) =>
  ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;

describe('the id of a request', () => {
  it("keeps a balancer's id and makes a unique one otherwise", () => {
    expect(requestIdOf(withHeader('haproxy-7f3a9c21'))).toBe('haproxy-7f3a9c21');
    const made = [requestIdOf(withHeader()), requestIdOf(withHeader())];
    expect(made[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(made[0]).not.toBe(made[1]);
  });

  it('never takes text that could forge a log line', () => {
    expect(requestIdOf(withHeader('x\nlevel=error fake line'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(withHeader('short'))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
