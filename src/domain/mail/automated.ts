/** The headers of a mail, looked up by lower-case name. */
export type HeaderLookup = (name: string) => string | undefined;

export type AutomatedReason = 'auto_submitted' | 'precedence' | 'loop' | 'mailing_list' | 'bounce';

/**
 * Why a mail was written by a machine, or null when a person wrote it. Such mail is never answered
 * and never opens a request: an out-of-office reply, a bounce or a list would otherwise talk to the
 * desk's own acknowledgements without end (RFC 3834).
 */
export function automatedReason(
  header: HeaderLookup,
  returnPath: string | null,
  from: string | null,
): AutomatedReason | null {
  const autoSubmitted = header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_submitted';
  if (
    header('x-autoreply') ||
    header('x-autorespond') ||
    header('x-auto-response-suppress')?.match(/all|oof|autoreply/i)
  ) {
    return 'auto_submitted';
  }
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return 'precedence';
  if (header('x-loop')) return 'loop';
  if (header('list-id') || header('list-unsubscribe')) return 'mailing_list';
  if (returnPath !== null && returnPath.replace(/[<>\s]/g, '') === '') return 'bounce';
  if (from && /^(mailer-daemon|postmaster)@/i.test(from)) return 'bounce';
  return null;
}

/**
 * Whether a mail claims to come from one of the desk's own addresses. The desk never writes to itself,
 * so such a mail is a loop or a forgery; answering it would mail the desk's own support box.
 */
export function fromOwnAddress(from: string | null, ownAddresses: readonly string[]): boolean {
  const sender = from?.trim().toLowerCase();
  return Boolean(sender) && ownAddresses.some((address) => address.trim().toLowerCase() === sender);
}
