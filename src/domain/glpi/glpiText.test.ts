import { describe, expect, it } from 'vitest';
import { decodeGlpiText, glpiPersonName, parentPath } from './glpiText.js';

describe('GLPI text', () => {
  it('undoes what GLPI 10 encoded, old rows too, and keeps quotes as they are', () => {
    expect(decodeGlpiText('ООО "Север" &#38; Ко &#60;филиал&#62;')).toBe('ООО "Север" & Ко <филиал>');
    expect(decodeGlpiText('A &lt;b&gt; &amp; c')).toBe('A <b> & c');
    // Typed as text into GLPI, a tag is encoded twice: it stays text here.
    expect(decodeGlpiText('&#38;lt;script&#38;gt;')).toBe('&lt;script&gt;');
    expect(decodeGlpiText(null)).toBe('');
  });

  it('names a person by first name and surname, or their login', () => {
    expect(glpiPersonName({ firstName: 'Анна', realName: 'Петрова', login: 'apetrova' })).toBe(
      'Анна Петрова',
    );
    expect(glpiPersonName({ firstName: '', realName: '', login: 'svc&#38;bot' })).toBe('svc&bot');
  });

  it('finds an entity’s parent in its complete name', () => {
    expect(parentPath('Корневая организация > Балтлог > Филиал &#34;Север&#34;')).toBe(
      'Корневая организация > Балтлог',
    );
    expect(parentPath('Корневая организация')).toBeNull();
  });
});
