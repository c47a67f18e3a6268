/** The most MIME parts and the deepest nesting of multiparts the desk reads; beyond them a mail is refused. */
export const MAIL_LIMITS = { parts: 500, depth: 20 } as const;

export type MailStructureProblem =
  | { problem: 'too_many_parts'; parts: number }
  | { problem: 'too_deep'; depth: number };

const BOUNDARY = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i;

/**
 * Reads a raw mail's MIME skeleton without decoding it: how many parts it has and how deep its
 * multiparts nest. A mail of 10,000 parts or 2,000 levels is refused for good before a parser spends
 * minutes (or its stack) on it; the sender is told why, and does not retry for days.
 */
export function mailStructureProblem(raw: Buffer): MailStructureProblem | null {
  const text = raw.toString('latin1');
  const open: string[] = [];
  let parts = 0;
  let inHeaders = true;
  let header = '';
  const endHeader = () => {
    const match = /^content-type:\s*multipart\/[^\n]*/im.test(header) ? BOUNDARY.exec(header) : null;
    const boundary = match ? (match[1] ?? match[2]) : undefined;
    if (boundary) open.push(boundary);
    header = '';
  };
  for (const line of text.split(/\r?\n/)) {
    if (inHeaders) {
      if (line === '') {
        endHeader();
        inHeaders = false;
        if (open.length > MAIL_LIMITS.depth) return { problem: 'too_deep', depth: open.length };
      } else header += /^\s/.test(line) ? ` ${line.trim()}` : `\n${line}`;
      continue;
    }
    if (!line.startsWith('--')) continue;
    const marker = line.slice(2).trimEnd();
    const level = open.findLastIndex((boundary) => marker === boundary || marker === `${boundary}--`);
    if (level < 0) continue;
    if (marker.endsWith('--') && marker === `${open[level]}--`) {
      open.length = level;
      continue;
    }
    open.length = level + 1;
    parts += 1;
    if (parts > MAIL_LIMITS.parts) return { problem: 'too_many_parts', parts };
    inHeaders = true;
  }
  return null;
}
