import ipaddr from 'ipaddr.js';
import { type AllowedHost, hostOf, isAllowedHost } from '../../domain/webhooks/allowedHosts.js';

/** Why an address cannot be a webhook's endpoint; each code has its message in the catalogs. */
type EndpointRefusal =
  | 'webhook_url_invalid'
  | 'webhook_https_required'
  | 'webhook_credentials_in_url'
  | 'webhook_address_not_public';

/** Names that by their suffix stand for a private network (RFC 6761, 6762, 8375 and common usage). */
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

/** An address on the public internet: not loopback, private, link-local, shared, reserved or multicast. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Why a URL cannot be a webhook's endpoint, or null when it can as far as the URL itself tells; the
 * addresses a host name stands for are checked again at every delivery (they can change).
 */
export function endpointRefusal(raw: string, allowed: readonly AllowedHost[]): EndpointRefusal | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhook_url_invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'webhook_url_invalid';
  if (url.username || url.password) return 'webhook_credentials_in_url';
  if (isAllowedHost(url, allowed)) return null;
  if (url.protocol !== 'https:') return 'webhook_https_required';
  const host = hostOf(url);
  if (ipaddr.isValid(host)) return isPublicAddress(host) ? null : 'webhook_address_not_public';
  if (!host.includes('.') || INTERNAL_SUFFIXES.some((suffix) => `.${host}`.endsWith(suffix)))
    return 'webhook_address_not_public';
  return null;
}

/** Whether a delivery may connect to the address its host resolved to. */
export function mayConnect(url: URL, address: string, allowed: readonly AllowedHost[]): boolean {
  return isAllowedHost(url, allowed) || isPublicAddress(address);
}
