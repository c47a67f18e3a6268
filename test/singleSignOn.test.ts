import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import { startOpenIdProvider } from './support/openIdProvider.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  openTestDesk,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const DESK_URL = 'https://desk.vendor.test';
const CALLBACK = `${DESK_URL}/api/v1/auth/oidc/callback`;
const CLIENT = { id: 'supportdesk', secret: 'supportdesk-client-secret', redirectUri: CALLBACK };

const ACCOUNTS = {
  vera: { email: 'vera.popova@vendor.test', name: 'Вера Попова', groups: ['desk-support'] },
  gleb: { email: 'gleb.orlov@vendor.test', name: 'Глеб Орлов', groups: ['desk-admins', 'desk-support'] },
  sales: { email: 'sales@vendor.test', name: 'Sales', groups: ['sales'] },
  irina: { email: AGENT[0], name: 'Ирина (IdP)', groups: ['desk-support'] },
};

/** The cookies one browser holds for the provider: it is one host, so names are enough. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

describe.each(databaseBackends)(
  'staff single sign-on with an OpenID Connect provider on $name',
  (backend) => {
    let provider: Awaited<ReturnType<typeof startOpenIdProvider>>;
    let desk: TestDesk;
    let admin: Caller;

    beforeAll(async () => {
      provider = await startOpenIdProvider(ACCOUNTS, CLIENT);
      desk = await openTestDesk(backend, {
        PUBLIC_URL: DESK_URL,
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT.id,
        OIDC_CLIENT_SECRET: CLIENT.secret,
        OIDC_ROLE_GROUPS: 'admin=desk-admins;agent=desk-support;partner=desk-partners',
        OIDC_NAME: 'Keycloak',
        OIDC_ALLOW_HTTP: 'true',
        LOGIN_RATE_LIMIT: '1000',
      });
      admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'en');
    });
    afterAll(async () => {
      await desk?.close();
      await provider?.stop();
    });

    /** Leaves the desk for the provider, signs in there as `login` and consents, as a browser would. */
    async function throughProvider(login: string) {
      const started = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
      expect(started.statusCode, started.body).toBe(302);
      const attempt = started.cookies.find((cookie) => cookie.name === 'sd_sso')?.value ?? '';
      const jar = new CookieJar();
      let address = String(started.headers.location);
      for (let step = 0; step < 20 && !address.startsWith(CALLBACK); step += 1) {
        const page = await fetch(address, { redirect: 'manual', headers: { cookie: jar.header } });
        jar.take(page);
        if (page.status >= 300 && page.status < 400) {
          address = new URL(page.headers.get('location') ?? '', address).href;
          continue;
        }
        const html = await page.text();
        const action = html.match(/<form[^>]*action="([^"]+)"/)?.[1];
        if (!action) throw new Error(`the provider showed no form: ${html.slice(0, 300)}`);
        const form = new URLSearchParams();
        for (const [, name = '', value = ''] of html.matchAll(
          /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
        )) {
          form.set(name, value);
        }
        if (html.includes('name="login"')) {
          form.set('login', login);
          form.set('password', 'any');
        }
        const posted = await fetch(new URL(action, address), {
          method: 'POST',
          redirect: 'manual',
          body: form,
          headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
        });
        jar.take(posted);
        address = new URL(posted.headers.get('location') ?? '', address).href;
      }
      return { callback: new URL(address), attempt };
    }

    const back = (callback: URL, attempt: string | null): Promise<LightMyRequestResponse> =>
      desk.app.inject({
        method: 'GET',
        url: `${callback.pathname}${callback.search}`,
        ...(attempt ? { cookies: { sd_sso: attempt } } : {}),
      });

    const sessionOf = (response: LightMyRequestResponse) => {
      const cookie = response.cookies.find((candidate) => candidate.name === 'sd_session');
      if (!cookie) throw new Error(`no session: ${response.headers.location}`);
      return (url: string) =>
        desk.app.inject({ method: 'GET', url, headers: { cookie: `sd_session=${cookie.value}` } });
    };

    it('offers single sign-on on the sign-in page by the name the operator gave', async () => {
      const methods = await desk.app.inject({ method: 'GET', url: '/api/v1/auth/methods' });
      expect(methods.json()).toEqual({ singleSignOn: { name: 'Keycloak' } });
    });

    it('signs a staff member in through the provider, making their account with the role their groups give', async () => {
      const { callback, attempt } = await throughProvider('vera');
      expect(callback.searchParams.get('code')).toBeTruthy();
      const landed = await back(callback, attempt);
      expect(landed.statusCode).toBe(302);
      expect(landed.headers.location).toBe('/');
      const me = (await sessionOf(landed)('/api/v1/me')).json();
      expect(me.principal).toMatchObject({
        name: 'Вера Попова',
        email: 'vera.popova@vendor.test',
        role: 'agent',
      });
      const team = (await admin('GET', '/api/v1/agents')).json();
      expect(
        team.find((agent: { email: string }) => agent.email === 'vera.popova@vendor.test'),
      ).toMatchObject({
        directory: 'oidc',
        active: true,
      });

      const glebAtProvider = await throughProvider('gleb');
      const gleb = await back(glebAtProvider.callback, glebAtProvider.attempt);
      expect((await sessionOf(gleb)('/api/v1/me')).json().principal.role).toBe('admin');
    });

    it('uses each answer once, and only in the browser that left for the provider', async () => {
      const { callback, attempt } = await throughProvider('vera');
      const elsewhere = await back(callback, null);
      expect(elsewhere.headers.location).toBe('/?signInError=sso_failed');
      expect(elsewhere.cookies.find((cookie) => cookie.name === 'sd_session')).toBeUndefined();
      expect((await back(callback, attempt)).headers.location).toBe('/');
      expect((await back(callback, attempt)).headers.location).toBe('/?signInError=sso_failed');
    });

    it('refuses someone in no mapped group, a local account of the same address, and a deactivated one', async () => {
      const sales = await throughProvider('sales');
      expect((await back(sales.callback, sales.attempt)).headers.location).toBe('/?signInError=sso_no_role');
      const team = (await admin('GET', '/api/v1/agents')).json();
      expect(team.some((agent: { email: string }) => agent.email === 'sales@vendor.test')).toBe(false);

      const irina = await throughProvider('irina');
      expect((await back(irina.callback, irina.attempt)).headers.location).toBe(
        '/?signInError=sso_account_refused',
      );

      const vera = team.find((agent: { email: string }) => agent.email === 'vera.popova@vendor.test');
      expect((await admin('PATCH', `/api/v1/agents/${vera.id}`, { active: false })).statusCode).toBe(200);
      const again = await throughProvider('vera');
      expect((await back(again.callback, again.attempt)).headers.location).toBe(
        '/?signInError=sso_account_refused',
      );
    });
  },
);
