import { describe, expect, it } from 'vitest';
import { parseAllowedHosts } from '../../domain/webhooks/allowedHosts.js';
import { endpointRefusal, isPublicAddress, mayConnect } from './endpointPolicy.js';

describe('where a webhook may point', () => {
  const allowed = parseAllowedHosts('crm.local:8443, 127.0.0.1:9000,[::1]:9000,ERP.local') ?? [];

  it('reads the operator’s list of internal hosts and refuses an entry that is not one', () => {
    expect(allowed).toEqual([
      { host: 'crm.local', port: 8443 },
      { host: '127.0.0.1', port: 9000 },
      { host: '::1', port: 9000 },
      { host: 'erp.local', port: null },
    ]);
    expect(parseAllowedHosts('')).toEqual([]);
    expect(parseAllowedHosts('crm.local:99999')).toBeNull();
    expect(parseAllowedHosts('https://crm.local')).toBeNull();
    expect(parseAllowedHosts('crm.local/path')).toBeNull();
  });

  it('takes public HTTPS, and internal hosts only as allowed, on their port', () => {
    expect(endpointRefusal('https://hooks.vendor.example/in', [])).toBeNull();
    expect(endpointRefusal('https://93.184.216.34/in', [])).toBeNull();
    expect(endpointRefusal('http://crm.local:8443/in', allowed)).toBeNull();
    expect(endpointRefusal('https://erp.local/in', allowed)).toBeNull();
    expect(endpointRefusal('http://[::1]:9000/in', allowed)).toBeNull();
    expect(endpointRefusal('http://crm.local:8080/in', allowed)).toBe('webhook_https_required');
    expect(endpointRefusal('https://crm.local:8080/in', allowed)).toBe('webhook_address_not_public');
    expect(endpointRefusal('http://hooks.vendor.example/in', [])).toBe('webhook_https_required');
    for (const inside of [
      'https://127.0.0.1/in',
      'https://10.0.0.1/in',
      'https://172.16.5.4/in',
      'https://192.168.1.1/in',
      'https://100.64.0.1/in',
      'https://169.254.169.254/in',
      'https://[fd00::1]/in',
      'https://[::ffff:10.0.0.1]/in',
      'https://0.0.0.0/in',
      'https://localhost/in',
      'https://intranet/in',
    ])
      expect(endpointRefusal(inside, []), inside).toBe('webhook_address_not_public');
    expect(endpointRefusal('https://user:pass@hooks.vendor.example/in', [])).toBe(
      'webhook_credentials_in_url',
    );
    expect(endpointRefusal('not a url', [])).toBe('webhook_url_invalid');
    expect(endpointRefusal('file:///etc/passwd', [])).toBe('webhook_url_invalid');
  });

  it('checks the address dialled, whatever the name', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
    expect(isPublicAddress('::ffff:127.0.0.1')).toBe(false);
    expect(isPublicAddress('not an address')).toBe(false);
    const url = new URL('https://hooks.vendor.example/in');
    expect(mayConnect(url, '93.184.216.34', [])).toBe(true);
    expect(mayConnect(url, '10.0.0.7', [])).toBe(false);
    expect(mayConnect(new URL('http://crm.local:8443/in'), '10.0.0.7', allowed)).toBe(true);
  });
});
