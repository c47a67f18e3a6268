import { describe, expect, it } from 'vitest';
import { controlCharacterPath, stripControlCharacters } from './controlCharacters.js';

describe('control characters', () => {
  it('strips NUL and the C0 set but keeps tab and line breaks', () => {
    expect(stripControlCharacters('a\u0000b\u0007c\td\ne\r\nf\u007F')).toBe('abc\td\ne\r\nf');
  });

  it('names the field that holds one, deep inside a body', () => {
    expect(
      controlCharacterPath({ subject: 'ok', parts: [{ subject: 'fine' }, { subject: 'bad\u0000' }] }),
    ).toEqual(['parts', '1', 'subject']);
    expect(controlCharacterPath({ subject: 'line one\nline two\ttab' })).toBeNull();
    expect(controlCharacterPath({ count: 3, flag: true, none: null })).toBeNull();
  });
});
