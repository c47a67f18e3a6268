import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlaDataCache } from '../src/app/sla/slaData.js';
import { rowsOf } from '../src/db/database.js';
import { SHIPPED_CALENDAR } from '../src/domain/calendar/shippedCalendar.js';
import { databaseBackends } from './support/databases.js';
import { ADMIN, AGENT, caller, openTestDesk, signIn, type TestDesk } from './support/testDesk.js';

/** A plain 2028 for import tests: the official holidays as a government would publish them. */
function year2028(extra: Record<string, unknown>[] = []) {
  return {
    source: 'test decree',
    years: {
      '2028': {
        publishedOn: '2027-09-01',
        days: [
          ...['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
            date: `2028-01-${day}`,
            type: 'holiday',
            name: 'Новогодние каникулы',
            nameEn: 'New Year holidays',
          })),
          ...extra,
        ],
      },
    },
  };
}

describe.each(databaseBackends)('deadlines, calendar and policies over the API on $name', (backend) => {
  let desk: TestDesk;
  let admin: ReturnType<typeof caller>;
  let agent: ReturnType<typeof caller>;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
  });
  afterAll(() => desk?.close());

  const due = async (body: Record<string, unknown>) => agent('POST', '/api/v1/sla/deadlines', body);

  it('computes a deadline and explains it in the reader language', async () => {
    const plain = await due({ level: 'extended', severity: 'critical', at: '2026-12-31T17:30:00+03:00' });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toEqual({
      dueAt: '2027-01-01T09:30:00.000Z',
      registeredAt: '2026-12-31T14:30:00.000Z',
      policyId: '2025-07-10',
      explanation: null,
    });

    const russian = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
    const explained = (
      await russian('POST', '/api/v1/sla/deadlines', {
        level: 'standard',
        severity: 'high',
        at: '2026-11-03T16:00:00+03:00',
        explain: true,
      })
    ).json();
    expect(explained.dueAt).toBe('2026-11-06T08:00:00.000Z');
    expect(explained.explanation.skippedDays).toEqual([
      {
        date: '2026-11-04',
        kind: 'holiday',
        name: 'День народного единства',
        nameEn: 'Unity Day',
        transferredFrom: null,
      },
    ]);
    expect(explained.explanation.lines).toContain(
      'Пропущено 04.11.2026: праздничный день, День народного единства.',
    );
    expect(explained.explanation.lines).toContain(
      'Учтено 03.11.2026 16:00–17:00 (1 ч 0 мин), сокращённый предпраздничный день.',
    );
    // People read Moscow time: the instant in UTC is the command line's, not the screens'.
    expect(explained.explanation.lines.at(-1)).toBe('Срок ответа: 06.11.2026 11:00:00 МСК.');
  });

  it('uses the time of asking when no instant is given', async () => {
    const response = await due({ level: 'standard', severity: 'critical' });
    expect(response.json()).toMatchObject({
      registeredAt: '2026-11-24T09:00:00.000Z',
      dueAt: '2026-11-25T08:00:00.000Z',
    });
  });

  it('names the missing year instead of guessing', async () => {
    const response = await due({ level: 'standard', severity: 'low', at: '2027-12-30T10:00:00+03:00' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'calendar_year_missing',
      field: 'at',
      title:
        'The production calendar for 2028 is not loaded. An administrator can import it (calendar import).',
    });
  });

  it('shows a month with its totals', async () => {
    const may = await agent('GET', '/api/v1/calendar/months/2026-05');
    expect(may.statusCode).toBe(200);
    const view = may.json();
    expect(view.totals).toEqual({ workingDays: 19, deskHours: 170, normHours40: 151 });
    expect(view.days[7]).toMatchObject({
      date: '2026-05-08',
      kind: 'short',
      hours: { opensAt: '09:00', closesAt: '17:00' },
    });
    expect(view.days[10]).toMatchObject({
      date: '2026-05-11',
      kind: 'dayOff',
      transferredFrom: '2026-05-09',
      hours: null,
    });
    const bad = await agent('GET', '/api/v1/calendar/months/2026-13');
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'params.month' });
  });

  it('lets an administrator set a day apart, and deadlines follow at once', async () => {
    const before = (
      await due({ level: 'standard', severity: 'critical', at: '2026-11-24T17:00:00+03:00' })
    ).json();
    expect(before.dueAt).toBe('2026-11-25T13:00:00.000Z');

    expect((await agent('PUT', '/api/v1/calendar/overrides/2026-11-25', { type: 'dayOff' })).statusCode).toBe(
      403,
    );
    const set = await admin('PUT', '/api/v1/calendar/overrides/2026-11-25', {
      type: 'dayOff',
      name: 'Корпоративный выходной',
    });
    expect(set.statusCode, set.body).toBe(200);
    const after = (
      await due({ level: 'standard', severity: 'critical', at: '2026-11-24T17:00:00+03:00' })
    ).json();
    expect(after.dueAt).toBe('2026-11-26T13:00:00.000Z');
    const day = (await agent('GET', '/api/v1/calendar/months/2026-11')).json().days[24];
    expect(day).toMatchObject({
      date: '2026-11-25',
      working: false,
      source: 'override',
      name: 'Корпоративный выходной',
    });

    const wrong = await admin('PUT', '/api/v1/calendar/overrides/2026-11-26', { type: 'workday' });
    expect(wrong.json()).toMatchObject({ code: 'workday_not_weekend', field: 'type' });
    const unloaded = await admin('PUT', '/api/v1/calendar/overrides/2031-03-03', { type: 'dayOff' });
    expect(unloaded.json()).toMatchObject({ code: 'calendar_year_missing', field: 'date' });

    expect((await admin('DELETE', '/api/v1/calendar/overrides/2026-11-25')).statusCode).toBe(204);
    expect((await admin('DELETE', '/api/v1/calendar/overrides/2026-11-25')).json()).toMatchObject({
      code: 'override_not_found',
    });
    const restored = (
      await due({ level: 'standard', severity: 'critical', at: '2026-11-24T17:00:00+03:00' })
    ).json();
    expect(restored.dueAt).toBe('2026-11-25T13:00:00.000Z');

    const events = (await admin('GET', '/api/v1/audit-events?entity=calendar_override')).json();
    expect(events.map((event: { action: string }) => event.action)).toEqual(['delete', 'create']);
  });

  it('imports a new year, refusing a file that would leave a hole or has a bad day, storing nothing then', async () => {
    const hole = await admin('POST', '/api/v1/calendar/imports', { years: { '2030': { days: [] } } });
    expect(hole.json()).toMatchObject({ code: 'years_not_contiguous', field: 'years' });
    expect(hole.json().title).toContain('2028, 2029');

    const misplaced = await admin(
      'POST',
      '/api/v1/calendar/imports',
      year2028([{ date: '2029-01-01', type: 'holiday' }]),
    );
    expect(misplaced.json()).toMatchObject({ code: 'date_outside_year', field: 'years.2028.days.7.date' });
    const malformed = await admin(
      'POST',
      '/api/v1/calendar/imports',
      year2028([{ date: '2028-02-30', type: 'holiday' }]),
    );
    expect(malformed.json()).toMatchObject({ code: 'validation_failed', field: 'years.2028.days.7.date' });
    expect(
      (await agent('GET', '/api/v1/calendar/years')).json().map((year: { year: number }) => year.year),
    ).toEqual([2024, 2025, 2026, 2027]);

    const imported = await admin('POST', '/api/v1/calendar/imports', year2028());
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual([
      { year: 2028, days: 7, state: 'new', added: year2028().years['2028'].days, removed: [], changed: [] },
    ]);
    expect((await agent('GET', '/api/v1/calendar/years')).json().at(-1)).toEqual({
      year: 2028,
      source: 'imported',
    });
    const acrossNewYear = await due({ level: 'standard', severity: 'low', at: '2027-12-30T10:00:00+03:00' });
    // 30 December 8 h; 31 December 2027 is a transferred day off; the imported year has 1-7 January off
    // and 8-9 January are a weekend; then 10, 11 and 12 January 9 h each, and the last hour on 13 January.
    expect(acrossNewYear.json().dueAt).toBe('2028-01-13T07:00:00.000Z');
  });

  it('replaces a loaded year only when confirmed, after a preview of what changes, and audits it', async () => {
    const shipped = SHIPPED_CALENDAR.years['2027']?.days ?? [];
    const corrected = {
      source: 'corrected decree',
      years: {
        '2027': {
          days: [
            ...shipped
              .filter((day) => day.date !== '2027-06-14')
              .map((day) => (day.date === '2027-06-11' ? { ...day, type: 'dayOff' } : day)),
            { date: '2027-07-15', type: 'dayOff', name: 'Перенос' },
          ],
        },
      },
    };
    const dayOf = async (date: string) =>
      (await agent('GET', `/api/v1/calendar/months/${date.slice(0, 7)}`))
        .json()
        .days.find((day: { date: string }) => day.date === date);

    expect((await agent('POST', '/api/v1/calendar/imports/preview', corrected)).statusCode).toBe(403);
    const preview = await admin('POST', '/api/v1/calendar/imports/preview', corrected);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual([
      {
        year: 2027,
        days: shipped.length,
        state: 'changed',
        added: [{ date: '2027-07-15', type: 'dayOff', name: 'Перенос' }],
        removed: [expect.objectContaining({ date: '2027-06-14', type: 'dayOff' })],
        changed: [
          {
            date: '2027-06-11',
            before: expect.objectContaining({ type: 'short' }),
            after: expect.objectContaining({ type: 'dayOff' }),
          },
        ],
      },
    ]);
    expect((await dayOf('2027-07-15')).working).toBe(true);

    const unconfirmed = await admin('POST', '/api/v1/calendar/imports', corrected);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json()).toMatchObject({ code: 'calendar_year_loaded', field: 'years' });
    expect(unconfirmed.json().title).toContain('2027');
    expect((await dayOf('2027-07-15')).working).toBe(true);
    expect((await agent('GET', '/api/v1/calendar/years')).json()).toContainEqual({
      year: 2027,
      source: 'shipped',
    });

    const confirmed = await admin('POST', '/api/v1/calendar/imports?replace=true', corrected);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()[0]).toMatchObject({ year: 2027, state: 'changed' });
    expect(await dayOf('2027-07-15')).toMatchObject({ working: false, kind: 'dayOff', source: 'official' });
    expect(await dayOf('2027-06-14')).toMatchObject({ working: true, kind: 'regular' });
    expect(await dayOf('2027-06-11')).toMatchObject({ working: false, kind: 'dayOff' });

    const again = await admin('POST', '/api/v1/calendar/imports', corrected);
    expect(again.json()).toEqual([
      { year: 2027, days: shipped.length, state: 'unchanged', added: [], removed: [], changed: [] },
    ]);
    const audited = (await admin('GET', '/api/v1/audit-events?entity=calendar_year')).json();
    const ofYear = audited.filter((event: { entityId: string }) => event.entityId === '2027');
    expect(ofYear).toHaveLength(1);
    expect(ofYear[0]).toMatchObject({
      action: 'update',
      before: { source: 'shipped' },
      after: {
        source: 'imported',
        added: ['2027-07-15 dayOff'],
        removed: ['2027-06-14 dayOff'],
        changed: ['2027-06-11 short -> dayOff'],
      },
    });
  });

  it('adds a policy version from a later date; a request follows the version in force at registration', async () => {
    const policies = (await agent('GET', '/api/v1/sla/policies')).json();
    expect(policies.map((policy: { id: string }) => policy.id)).toEqual(['2025-07-10']);
    const [current] = policies;
    const faster = {
      ...current,
      id: undefined,
      name: 'Регламент от 01.02.2027',
      effectiveFrom: '2027-02-01',
      response: {
        ...current.response,
        standard: { ...current.response.standard, critical: { clock: 'business', hours: 4 } },
      },
    };
    delete faster.id;
    expect((await agent('POST', '/api/v1/sla/policies', faster)).statusCode).toBe(403);
    const past = await admin('POST', '/api/v1/sla/policies', { ...faster, effectiveFrom: '2026-11-24' });
    expect(past.json()).toMatchObject({ code: 'effective_date_not_later', field: 'effectiveFrom' });
    const zero = await admin('POST', '/api/v1/sla/policies', {
      ...faster,
      autoClose: { clock: 'business', workingDays: 0 },
    });
    expect(zero.json()).toMatchObject({ code: 'validation_failed', field: 'autoClose.workingDays' });

    const created = await admin('POST', '/api/v1/sla/policies', faster);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: '2027-02-01', effectiveFrom: '2027-02-01' });

    const before = (
      await due({ level: 'standard', severity: 'critical', at: '2027-01-29T10:00:00+03:00' })
    ).json();
    expect(before).toMatchObject({ policyId: '2025-07-10', dueAt: '2027-01-29T15:00:00.000Z' });
    const after = (
      await due({ level: 'standard', severity: 'critical', at: '2027-02-01T10:00:00+03:00' })
    ).json();
    expect(after).toMatchObject({ policyId: '2027-02-01', dueAt: '2027-02-01T11:00:00.000Z' });

    const again = await admin('POST', '/api/v1/sla/policies', faster);
    expect(again.json()).toMatchObject({ code: 'effective_date_not_later' });

    // §6.2: customers see what changed, and every active contact is told.
    const history = (await agent('GET', '/api/v1/sla/policies/history')).json();
    expect(history.at(-1)).toMatchObject({
      id: '2027-02-01',
      changes: [
        {
          kind: 'response',
          level: 'standard',
          severity: 'critical',
          from: { clock: 'business', hours: 8 },
          to: { clock: 'business', hours: 4 },
        },
      ],
    });
    const told = await rowsOf<{ count: number }>(
      desk.database.db,
      sql`select count(*)::int as count from outbox
        where topic = 'notice.inapp' and payload->>'template' = 'policy_published'`,
    );
    const active = await rowsOf<{ count: number }>(
      desk.database.db,
      sql`select count(*)::int as count from contacts where active`,
    );
    expect(told[0]?.count).toBe(active[0]?.count);
    expect(told[0]?.count).toBeGreaterThan(0);
  });

  it('lets a second server instance on the same database see the changes', async () => {
    // A freshness window of zero: the other instance reads the revision on every question.
    const other = new SlaDataCache({ shortenedDays: true, weekdayFallback: false }, undefined, 0);
    const seen = await other.load(desk.database.db);
    expect(seen.policies.map((policy) => policy.id)).toContain('2027-02-01');
    await admin('PUT', '/api/v1/calendar/overrides/2026-12-28', { type: 'dayOff' });
    const refreshed = await other.load(desk.database.db);
    expect(refreshed.revision).toBeGreaterThan(seen.revision);
    expect(refreshed.calendar.day('2026-12-28').working).toBe(false);
    expect(await other.load(desk.database.db)).toBe(refreshed);
  });
});
