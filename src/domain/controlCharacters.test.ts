import { describe, expect, it } from 'vitest';
import { inputFault, MAX_INPUT_DEPTH, stripControlCharacters } from './controlCharacters.js';

describe('control characters', () => {
  it('strips NUL and the C0 set but keeps tab and line breaks', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\td\ne\r\nf\u007F')).toBe('abc\td\ne\r\nf');
  });

  it('names the field that holds one, deep inside a body, or the key that does', () => {
    expect(inputFault({ subject: 'ok', parts: [{ subject: 'fine' }, { subject: 'bad\u0000' }] })).toEqual({
      code: 'control_characters',
      path: ['parts', '1', 'subject'],
    });
    expect(inputFault({ first: 'bad\u0001', second: 'bad\u0002' })?.path).toEqual(['first']);
    expect(inputFault({ ok: { 'key\u0007': 1 } })).toEqual({
      code: 'control_characters',
      path: ['ok', 'key\u0007'],
    });
    expect(inputFault({ subject: 'line one\nline two\ttab' })).toBeNull();
    expect(inputFault({ count: 3, flag: true, none: null, list: [] })).toBeNull();
  });
});

describe('nesting', () => {
  const nested = (depth: number, inner: unknown = 'x') => {
    let value: unknown = inner;
    for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
    return value;
  };

  it('takes a body nested as deep as the limit', () => {
    expect(inputFault(nested(MAX_INPUT_DEPTH))).toBeNull();
  });

  it('refuses one level deeper, and names where it went too deep', () => {
    const fault = inputFault(nested(MAX_INPUT_DEPTH + 1));
    expect(fault?.code).toBe('nested_too_deep');
    expect(fault?.path).toHaveLength(MAX_INPUT_DEPTH);
  });

  it('refuses 100,000 levels of arrays or of objects without overflowing the stack', () => {
    expect(inputFault(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))?.code).toBe(
      'nested_too_deep',
    );
    expect(inputFault(JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`))?.code).toBe(
      'nested_too_deep',
    );
  });
});
