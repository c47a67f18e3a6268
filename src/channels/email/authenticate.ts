import { authenticate, type DNSResolver } from 'mailauth';
import type { IncomingMail } from '../../app/mail/incomingMail.js';

/** DNS as mailauth asks it; tests answer from a table, production from the system resolver. */
export type DnsResolver = DNSResolver;

export interface Transmission {
  ip?: string;
  helo?: string;
  /** The envelope sender (MAIL FROM). */
  sender?: string;
}

const domainOf = (address: string | undefined | null) =>
  address?.slice(address.lastIndexOf('@') + 1).toLowerCase() ?? '';
const aligned = (domain: string, fromDomain: string) =>
  domain === fromDomain || fromDomain.endsWith(`.${domain}`) || domain.endsWith(`.${fromDomain}`);

/**
 * Whether the From domain vouches for the mail: DMARC passes, or (where the domain publishes no DMARC
 * policy) SPF or a DKIM signature passes for a domain aligned with From. A DMARC failure, or every
 * check failing, is `fail`; nothing to go by is `none`.
 */
export async function senderVerdict(
  raw: Buffer,
  from: string | null,
  transmission: Transmission,
  resolver?: DnsResolver,
): Promise<IncomingMail['authentication']> {
  const result = await authenticate(raw, {
    ...transmission,
    disableArc: true,
    disableBimi: true,
    ...(resolver ? { resolver } : {}),
  });
  const fromDomain = domainOf(from);
  const dmarc = result.dmarc ? result.dmarc.status?.result : undefined;
  if (dmarc === 'pass') return 'pass';
  if (dmarc === 'fail') return 'fail';
  const dkimPass = (result.dkim?.results ?? []).some(
    (signature: { status?: { result?: string }; signingDomain?: string }) =>
      signature.status?.result === 'pass' && aligned(String(signature.signingDomain ?? ''), fromDomain),
  );
  const spf = result.spf || null;
  const spfPass = spf?.status?.result === 'pass' && aligned(domainOf(transmission.sender), fromDomain);
  if (dkimPass || spfPass) return 'pass';
  const anyFail =
    (result.dkim?.results ?? []).some(
      (signature: { status?: { result?: string } }) => signature.status?.result === 'fail',
    ) || spf?.status?.result === 'fail';
  return anyFail ? 'fail' : 'none';
}
