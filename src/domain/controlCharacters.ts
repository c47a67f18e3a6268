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

/** How deep a body may nest: far past any form the desk takes, far short of what a stack holds. */
export const MAX_INPUT_DEPTH = 32;

/** What no field of a body or a query may hold, and where the first such thing is. */
export interface InputFault {
  code: 'control_characters' | 'nested_too_deep';
  path: string[];
}

/**
 * The first place inside a value that no field may hold: a string or a key with a control character,
 * or a value nested deeper than MAX_INPUT_DEPTH; null when there is none. The value is walked with a
 * stack of its own, depth first, never by recursion: a body nested 10,000 levels deep is refused, not
 * left to overflow the call stack.
 */
export function inputFault(value: unknown): InputFault | null {
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    const key = path.at(-1);
    if (key !== undefined && CONTROL_TEST.test(key)) return { code: 'control_characters', path };
    if (typeof current === 'string') {
      if (CONTROL_TEST.test(current)) return { code: 'control_characters', path };
      continue;
    }
    if (!current || typeof current !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { code: 'nested_too_deep', path };
    const entries = Array.isArray(current)
      ? current.map((item, index) => [String(index), item] as const)
      : Object.entries(current);
    // Pushed last to first, so that the first entry is the next one looked at.
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [name, item] = entries[index] as readonly [string, unknown];
      pending.push({ value: item, path: [...path, name] });
    }
  }
  return null;
}
