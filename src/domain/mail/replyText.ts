/** Where a mail client starts quoting the message being answered (Russian and English clients). */
const QUOTE_HEADERS = [
  /^On .{4,200} wrote:\s*$/,
  /^.{4,200} (написал|написала|написал\(а\)|пишет):\s*$/,
  /^-{2,}\s*(Original Message|Исходное сообщение|Пересылаемое сообщение|Forwarded message)\s*-{2,}\s*$/i,
  /^(From|От|Кому|Sent|Отправлено): .+$/,
  /^_{10,}\s*$/,
  // Gmail and others in Russian: «вт, 24 нояб. 2026 г. в 12:00, Имя <адрес>:»
  /^.{4,200}<[^<>\s]+@[^<>\s]+>:\s*$/,
];

/**
 * The part of a reply worth showing: what the person wrote above the quoted history and the
 * signature. The whole mail is kept as received; this is for display only. A mail that is all quote
 * shows whole rather than empty.
 */
export function visibleReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '-- ' || line === '--') break;
    if (QUOTE_HEADERS.some((pattern) => pattern.test(line.trim()))) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  const shown = kept.join('\n').trim();
  return shown === '' ? text.trim() : shown;
}
