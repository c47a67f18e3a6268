import { describe, expect, it } from 'vitest';
import { splitMessage } from './text.js';

describe('splitMessage', () => {
  it('keeps a short text whole', () => {
    expect(splitMessage('Привет')).toEqual(['Привет']);
  });

  it('cuts a long text at paragraph or word boundaries into parts within the limit, losing nothing', () => {
    const paragraph = 'слово '.repeat(300).trim();
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const parts = splitMessage(text, 4096);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((part) => part.length <= 4096)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
    expect(parts.every((part) => !part.startsWith(' ') && !part.endsWith(' '))).toBe(true);
  });

  it('cuts a text without spaces at the limit', () => {
    expect(splitMessage('x'.repeat(10), 4)).toEqual(['xxxx', 'xxxx', 'xx']);
  });
});
