import { stripControlCharacters } from '../controlCharacters.js';

/**
 * GLPI 10 stores every string it was given through its Sanitizer: `&` as `&#38;`, `<` as `&#60;`, `>` as
 * `&#62;` (legacy rows: `&lt;`, `&gt;`). Names read back as the person typed them once those are undone.
 */
export function decodeGlpiText(stored: string | null | undefined): string {
  if (!stored) return '';
  // A NUL cannot be stored here at all, and GLPI's MySQL took any byte: such characters are dropped.
  return stripControlCharacters(stored)
    .replace(/&#60;|&lt;/g, '<')
    .replace(/&#62;|&gt;/g, '>')
    .replace(/&#38;|&amp;/g, '&')
    .trim();
}

/** A person's name as GLPI holds it: first name and surname, or the login when both are empty. */
export function glpiPersonName(person: { firstName: string; realName: string; login: string }): string {
  const name = [person.firstName, person.realName].map(decodeGlpiText).filter(Boolean).join(' ');
  return name || decodeGlpiText(person.login);
}

/** The parent part of an entity's complete name (`Root > Parent > Child` gives `Root > Parent`). */
export function parentPath(completeName: string): string | null {
  const parts = decodeGlpiText(completeName).split(' > ');
  return parts.length > 1 ? parts.slice(0, -1).join(' > ') : null;
}

/**
 * Rich text (TinyMCE's HTML) as GLPI stored it, back to that HTML. GLPI 10 encodes `&`, `<` and `>` as
 * numeric entities and nothing else, so only those are undone: a `&lt;script&gt;` the person typed as
 * text stays text. Rows GLPI 9.5 wrote use `&lt;`, `&gt;` and `&amp;` instead, and are read so.
 */
export function decodeGlpiRichText(written: string | null | undefined): string {
  if (!written) return '';
  const stored = stripControlCharacters(written);
  if (/&#(60|62|38);/.test(stored)) {
    return stored.replace(/&#60;/g, '<').replace(/&#62;/g, '>').replace(/&#38;/g, '&');
  }
  return stored.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
