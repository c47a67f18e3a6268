/**
 * Where a webhook may point. By default only HTTPS on public addresses, so that registering an endpoint
 * never becomes a way into the vendor's own network (its database, its metadata service); an operator
 * names the internal hosts allowed, each with or without a port (WEBHOOK_ALLOWED_HOSTS), and to those
 * plain HTTP is allowed as well.
 */
export interface AllowedHost {
  host: string;
  /** Any port when null. */
  port: number | null;
}

/** Reads `crm.local:8443,127.0.0.1:9000,[::1]:9000,erp.local`; answers null for an entry that is not a host. */
export function parseAllowedHosts(value: string): AllowedHost[] | null {
  const entries = value
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  const hosts: AllowedHost[] = [];
  for (const entry of entries) {
    const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(entry);
    if (!match?.[1]) return null;
    const port = match[2] === undefined ? null : Number(match[2]);
    if (port !== null && (port < 1 || port > 65_535)) return null;
    hosts.push({ host: match[1].replace(/^\[|\]$/g, ''), port });
  }
  return hosts;
}

const effectivePort = (url: URL) => (url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80);
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Whether the operator named this URL's host (and port) as allowed. */
export function isAllowedHost(url: URL, allowed: readonly AllowedHost[]): boolean {
  const host = hostOf(url);
  const port = effectivePort(url);
  return allowed.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}
