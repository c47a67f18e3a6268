import { describe, expect, it } from 'vitest';
import { MAIL_LIMITS, mailStructureProblem } from './structure.js';

const head = (boundary: string) => `Content-Type: multipart/mixed; boundary="${boundary}"\r\n`;

function nested(depth: number): string {
  let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
  for (let level = depth; level > 0; level -= 1) {
    body = `${head(`b${level}`)}\r\n--b${level}\r\n${body}--b${level}--\r\n`;
  }
  return `From: a@example.com\r\nSubject: nest\r\n${body}`;
}

function wide(parts: number): string {
  const body = Array.from(
    { length: parts },
    (_, index) => `--w\r\nContent-Type: text/plain\r\n\r\npart ${index}\r\n`,
  );
  return `From: a@example.com\r\n${head('w')}\r\n${body.join('')}--w--\r\n`;
}

describe('the MIME skeleton of a mail', () => {
  it('accepts an ordinary mail with a few parts and some nesting', () => {
    expect(mailStructureProblem(Buffer.from(nested(3)))).toBeNull();
    expect(mailStructureProblem(Buffer.from(wide(20)))).toBeNull();
    expect(mailStructureProblem(Buffer.from('From: a@example.com\r\n\r\nplain text\r\n'))).toBeNull();
  });

  it('refuses nesting beyond the limit, and 2,000 levels at once', () => {
    expect(mailStructureProblem(Buffer.from(nested(MAIL_LIMITS.depth)))).toBeNull();
    expect(mailStructureProblem(Buffer.from(nested(MAIL_LIMITS.depth + 1)))).toMatchObject({
      problem: 'too_deep',
    });
    expect(mailStructureProblem(Buffer.from(nested(2_000)))).toMatchObject({ problem: 'too_deep' });
  });

  it('refuses more parts than the limit, and 10,000 parts', () => {
    expect(mailStructureProblem(Buffer.from(wide(MAIL_LIMITS.parts)))).toBeNull();
    expect(mailStructureProblem(Buffer.from(wide(MAIL_LIMITS.parts + 1)))).toMatchObject({
      problem: 'too_many_parts',
    });
    expect(mailStructureProblem(Buffer.from(wide(10_000)))).toMatchObject({ problem: 'too_many_parts' });
  });
});
