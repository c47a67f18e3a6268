import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  instanceNamed,
  openTestDesk,
  PARTNER,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';
import { sheetTexts } from './support/xlsx.js';

const HOUR = 3_600_000;

/**
 * Three requests of Tuesday 24 November 2026, 12:00 Moscow time, worked by hand-known times; the reports
 * are read on Tuesday 1 December, 12:00:
 * - Standard/high (due Wed 15:00), answered the same day at 14:00: on time, 2 h on the business clock;
 * - Standard/low (due Mon 30 Nov 12:00), never answered: late;
 * - Extended/critical (due 16:00 on the daily clock), answered at 17:00: late, 5 h on the daily clock.
 */
describe.each(databaseBackends)('reports, on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  const get = async (who: readonly [string, string], url: string) =>
    caller(desk.app, await signIn(desk.app, ...who))('GET', url);

  beforeAll(async () => {
    // This file signs in often; the limit on sign-in attempts has tests of its own.
    desk = await openTestDesk(backend, { LOGIN_RATE_LIMIT: '1000' });
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    const file = async (who: typeof anna, instanceId: string, severity: string) => {
      const created = await who('POST', '/api/v1/tickets', {
        instanceId,
        severity,
        subject: severity,
        description: 'x',
      });
      expect(created.statusCode, created.body).toBe(201);
      return created.json().id as string;
    };
    const high = await file(anna, instanceNamed(world.baltlog, 'esb-prod-spb'), 'high');
    await file(anna, instanceNamed(world.baltlog, 'esb-prod-spb'), 'low');
    const critical = await file(sergey, instanceNamed(world.uralenergo, 'esb-prod-ekb'), 'critical');
    desk.clock.advance(2 * HOUR);
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    expect((await irina('POST', `/api/v1/tickets/${high}/messages`, { body: 'Смотрим.' })).statusCode).toBe(
      201,
    );
    desk.clock.advance(3 * HOUR);
    expect(
      (await irina('POST', `/api/v1/tickets/${critical}/messages`, { body: 'Смотрим.' })).statusCode,
    ).toBe(201);
    desk.clock.set(new Date('2026-12-01T09:00:00Z'));
  });
  afterAll(() => desk?.close());

  const period = 'from=2026-11-01&to=2026-11-30';

  it('counts responses on time and late, with the response-time percentiles on each request’s own clock', async () => {
    const rows = (await get(AGENT, `/api/v1/reports/sla?${period}`)).json();
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          month: '2026-11',
          level: 'standard',
          severity: 'high',
          total: 1,
          onTime: 1,
          late: 0,
          pending: 0,
          onTimeShare: 1,
          medianResponseHours: 2,
          p90ResponseHours: 2,
        }),
        expect.objectContaining({
          month: '2026-11',
          level: 'standard',
          severity: 'low',
          total: 1,
          onTime: 0,
          late: 1,
          pending: 0,
          medianResponseHours: null,
        }),
        expect.objectContaining({
          month: '2026-11',
          level: 'extended',
          severity: 'critical',
          total: 1,
          onTime: 0,
          late: 1,
          onTimeShare: 0,
          medianResponseHours: 5,
          p90ResponseHours: 5,
        }),
      ]),
    );
    expect(rows.find((row: { severity: string }) => row.severity === 'critical').organization).toBe(
      'ПАО «Уралэнергосбыт»',
    );
    expect((await get(AGENT, '/api/v1/reports/sla?from=2026-12-01&to=2026-12-31')).json()).toEqual([]);
  });

  it('shows the backlog by status and age, and requests by channel', async () => {
    expect((await get(AGENT, `/api/v1/reports/backlog?${period}`)).json()).toEqual([
      { status: 'new', age: '7_to_30_days', count: 1 },
      { status: 'in_progress', age: '7_to_30_days', count: 2 },
    ]);
    expect((await get(AGENT, `/api/v1/reports/channels?${period}`)).json()).toEqual([
      { month: '2026-11', channel: 'portal', count: 3 },
    ]);
  });

  it('shows each certificate’s instances against its limit and its requests by contact', async () => {
    const rows = (await get(ADMIN, `/api/v1/reports/certificates?${period}`)).json();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          certificate: 'СТП-С-2026-0042',
          instancesCovered: 2,
          maxInstances: 2,
          contact: 'Анна Петрова',
          requests: 2,
        }),
      ]),
    );
  });

  it('exports CSV and XLSX with formula-like text neutralised', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    await admin('POST', '/api/v1/organizations', { name: '=HYPERLINK("http://evil.example","x")' });
    const evil = (await admin('GET', '/api/v1/organizations'))
      .json()
      .find((organization: { name: string }) => organization.name.startsWith('='));
    await admin('POST', `/api/v1/organizations/${evil.id}/certificates`, {
      number: '@SUM(1)',
      level: 'standard',
      validFrom: '2026-01-01',
      validTo: '2027-01-01',
      maxInstances: 1,
    });
    const csv = await admin('GET', `/api/v1/reports/certificates?${period}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('certificates-2026-11-01-2026-11-30.csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.body).toContain("'@SUM(1)");
    const xlsx = await admin('GET', `/api/v1/reports/certificates?${period}&format=xlsx`);
    const values = sheetTexts(xlsx.rawPayload);
    expect(values).toContain("'@SUM(1)");
    expect(values.some((value) => value.startsWith('='))).toBe(false);
  });

  it('exports in the reader’s language: Russian headers and values, and ";" for Russian Excel', async () => {
    const russian = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
    const csv = (await russian('GET', `/api/v1/reports/sla?${period}&format=csv`)).body;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(header?.split(';').slice(0, 5)).toEqual(['Месяц', 'Уровень', 'Критичность', 'Клиент', 'Запросов']);
    expect(lines.some((line) => line.startsWith('2026-11;Стандартная;Высокий;'))).toBe(true);
    expect(lines.some((line) => line.includes('Расширенная;Критический;'))).toBe(true);

    const english = caller(desk.app, await signIn(desk.app, ...AGENT), 'en');
    const commas = (await english('GET', `/api/v1/reports/backlog?${period}&format=csv`)).body;
    expect(commas.split('\r\n')[0]).toBe('\uFEFFStatus,Age,Requests');
    const chosen = (await russian('GET', `/api/v1/reports/backlog?${period}&format=csv&separator=,`)).body;
    expect(chosen.split('\r\n')[0]).toBe('\uFEFFСтатус,Возраст,Запросов');

    const xlsx = await russian('GET', `/api/v1/reports/backlog?${period}&format=xlsx`);
    const texts = sheetTexts(xlsx.rawPayload);
    expect(texts.slice(0, 3)).toEqual(['Статус', 'Возраст', 'Запросов']);
    expect(texts).toContain('В работе');
  });

  it('answers the table its reader reads, the very columns and names of its files, dates as they write them', async () => {
    const reports = [
      'sla',
      'backlog',
      'channels',
      'certificates',
      'agents',
      'resolution',
      'satisfaction',
      'deflection',
      'time',
    ];
    for (const language of ['ru', 'en'] as const) {
      const reader = caller(desk.app, await signIn(desk.app, ...ADMIN), language);
      for (const report of reports) {
        const rows = (await reader('GET', `/api/v1/reports/${report}?${period}`)).json() as Record<
          string,
          unknown
        >[];
        const table = (await reader('GET', `/api/v1/reports/${report}?${period}&format=table`)).json();
        const keys = Object.keys(rows[0] ?? {});
        expect(table.headers, `${report} ${language}`).toHaveLength(keys.length);
        // Every column is named in the reader's language: none is left as the code it has in the data.
        for (const header of table.headers)
          expect(keys, `${report} ${language}: ${header}`).not.toContain(header);
        const csv = (await reader('GET', `/api/v1/reports/${report}?${period}&format=csv&separator=;`)).body;
        if (keys.length > 0) expect(csv.slice(1).split('\r\n')[0]).toBe(table.headers.join(';'));
      }
    }
    const russian = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
    const certificates = (await russian('GET', `/api/v1/reports/certificates?${period}&format=table`)).json();
    const validTo = certificates.headers.indexOf('Действует до');
    expect(certificates.rows[0][validTo]).toMatch(/^\d\d\.\d\d\.\d{4}$/);
  });

  it('is for the vendor’s team only, and says so about a bad period', async () => {
    expect((await get(PARTNER, `/api/v1/reports/sla?${period}`)).statusCode).toBe(403);
    expect((await get(STANDARD_CONTACT, `/api/v1/reports/sla?${period}`)).statusCode).toBe(403);
    const backwards = await get(AGENT, '/api/v1/reports/sla?from=2026-12-01&to=2026-11-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0]).toMatchObject({
      field: 'querystring.to',
      message: 'The end of the period must not come before its start.',
    });
  });
});
