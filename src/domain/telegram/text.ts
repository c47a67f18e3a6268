/** Telegram's limit on the text of one message. */
export const MESSAGE_LIMIT = 4096;

/**
 * A text cut into messages Telegram accepts, at paragraph, then line, then word boundaries where there
 * is one, so that a long reply from support arrives whole and readable.
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find(
      (index) => index > limit / 2,
    );
    const end = cut ?? limit;
    parts.push(rest.slice(0, end).trimEnd());
    rest = rest.slice(end).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
