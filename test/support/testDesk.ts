import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { expect } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { loadDemoData } from '../../src/app/demo/demoData.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { ManualClock } from '../../src/domain/calendar/clock.js';
import { buildHttpApp } from '../../src/http/app.js';
import { createAppContext } from '../../src/wiring.js';
import type { DatabaseBackend } from './databases.js';

/** 24 November 2026, 12:00 Moscow time: a Tuesday, inside every demo certificate. */
export const DEMO_NOW = new Date('2026-11-24T09:00:00Z');

export interface TestDesk {
  app: FastifyInstance;
  database: DatabaseHandle;
  ctx: AppContext;
  clock: ManualClock;
  close(): Promise<void>;
}

/** The whole HTTP stack on a fresh migrated database with the demo data, at a fixed time. */
export async function openTestDesk(
  backend: DatabaseBackend,
  environment: Record<string, string> = {},
  /** A second instance on a database another test desk already set up: no migration, no demo data. */
  options: { joining?: boolean } = {},
): Promise<TestDesk> {
  const database = await backend.open();
  if (!options.joining) await database.migrate();
  const clock = new ManualClock(DEMO_NOW);
  const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-test-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...environment });
  const ctx = createAppContext(database.db, config, clock);
  if (!options.joining) await loadDemoData(ctx);
  const app = await buildHttpApp({ ctx, database, config, logger: pino({ level: 'silent' }) });
  await app.ready();
  return {
    app,
    database,
    ctx,
    clock,
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
}

export async function signIn(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((candidate) => candidate.name === 'sd_session');
  if (!cookie) throw new Error('login set no session cookie');
  return { cookie: `sd_session=${cookie.value}`, csrfToken: response.json().csrfToken };
}

export const ADMIN = ['admin@supportdesk.example', 'admin-demo-2026'] as const;
export const AGENT = ['irina.sokolova@supportdesk.example', 'agent-demo-2026'] as const;
export const PARTNER = ['dmitry.kim@integrator.example', 'partner-demo-2026'] as const;
export const STANDARD_CONTACT = ['anna.petrova@baltlog.example', 'contact-demo-2026'] as const;
export const EXTENDED_CONTACT = ['sergey.ivanov@uralenergo.example', 'contact-demo-2026'] as const;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Calls the API as a signed-in person, the way the web client does (cookie plus CSRF header). */
export function caller(app: FastifyInstance, session: Session, language = 'en') {
  return (method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'accept-language': language },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
}

export interface DemoWorld {
  baltlog: OrganizationDetail;
  uralenergo: OrganizationDetail;
  products: { id: string; code: string }[];
}

export interface OrganizationDetail {
  id: string;
  name: string;
  licenses: { id: string; number: string; validFrom: string; validTo: string | null }[];
  instances: { id: string; name: string; productId: string }[];
  certificates: { id: string; number: string; level: string; maxInstances: number; instanceIds: string[] }[];
  contacts: { id: string; email: string; active: boolean }[];
}

/** The demo organizations as an administrator sees them. */
export async function demoWorld(app: FastifyInstance, admin: Session): Promise<DemoWorld> {
  const call = caller(app, admin);
  const organizations: { id: string; name: string }[] = (await call('GET', '/api/v1/organizations')).json();
  const detail = async (prefix: string) => {
    const organization = organizations.find((candidate) => candidate.name.includes(prefix));
    if (!organization) throw new Error(`no demo organization ${prefix}`);
    return (await call('GET', `/api/v1/organizations/${organization.id}`)).json() as OrganizationDetail;
  };
  return {
    baltlog: await detail('Балтийская'),
    uralenergo: await detail('Уралэнерго'),
    products: (await call('GET', '/api/v1/products')).json(),
  };
}

export type Caller = ReturnType<typeof caller>;

/**
 * Every item of a list, read page after page by its cursor, `size` at a time, from `path` (with its
 * own query); a page larger than asked for, or an answer other than 200, stops the test.
 */
export async function everyPage<Item>(call: Caller, path: string, size: number): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const response = await call('GET', `${path}&limit=${size}${cursor ? `&cursor=${cursor}` : ''}`);
    if (response.statusCode !== 200)
      throw new Error(`${path} answered ${response.statusCode}: ${response.body}`);
    const page = response.json() as { items: Item[]; nextCursor: string | null };
    if (page.items.length > size) throw new Error(`${path} answered ${page.items.length} items for ${size}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * A request filed by a Baltic Logistics contact (the standard certificate) on its production ESB, the
 * one most tests start from; the answer is checked to be 201.
 */
export async function fileOnBaltlog(
  contact: Caller,
  world: DemoWorld,
  subject: string,
  severity = 'high',
): Promise<{ id: string; number: string; version: number }> {
  const created = await contact('POST', '/api/v1/tickets', {
    instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
    severity,
    subject,
    description: 'Сообщения копятся в очереди orders.in.',
  });
  if (created.statusCode !== 201) throw new Error(`filing answered ${created.statusCode}: ${created.body}`);
  return created.json();
}

/** A request filed by an Uralenergo contact (the extended certificate) on its production ESB; checked to be 201. */
export async function fileOnUralenergo(
  contact: Caller,
  world: DemoWorld,
  subject: string,
  severity = 'low',
): Promise<{ id: string; number: string; version: number }> {
  const created = await contact('POST', '/api/v1/tickets', {
    instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb'),
    severity,
    subject,
    description: 'Планировщик не видит шину.',
  });
  if (created.statusCode !== 201) throw new Error(`filing answered ${created.statusCode}: ${created.body}`);
  return created.json();
}

export function instanceNamed(organization: OrganizationDetail, name: string): string {
  const instance = organization.instances.find((candidate) => candidate.name === name);
  if (!instance) throw new Error(`no instance ${name}`);
  return instance.id;
}

/** The demo partner engineer, signed in, working for the given organizations only (§2.6). */
export async function partnerFor(
  app: FastifyInstance,
  admin: Caller,
  organizationIds: string[],
): Promise<Caller> {
  const partner = caller(app, await signIn(app, ...PARTNER));
  const partnerId = (await partner('GET', '/api/v1/me')).json().principal.id;
  const assigned = await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, { organizationIds });
  expect(assigned.statusCode, assigned.body).toBe(200);
  return partner;
}
