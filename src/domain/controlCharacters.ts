/**
 * The C0 control characters and DEL, but tab and the two line breaks. A NUL cannot be stored in a
 * PostgreSQL text at all, and the others are invisible tricks in a subject or a name.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const CONTROL_TEST = new RegExp(CONTROL.source);

/** What a mail or a Telegram message says, without the characters that cannot be kept. */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

/** The path of the first string inside a value that holds a control character; null when none does. */
export function controlCharacterPath(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return CONTROL_TEST.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = controlCharacterPath(item, [...path, String(index)]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = CONTROL_TEST.test(key) ? [...path, key] : controlCharacterPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
