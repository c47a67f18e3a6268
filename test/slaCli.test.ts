import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './support/cli.js';

const folder = mkdtempSync(join(tmpdir(), 'supportdesk-sla-cli-'));
const env = { DATA_DIR: join(folder, 'data'), LANG: 'en_US.UTF-8' };
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('supportdesk sla due', () => {
  it('prints the deadline in UTC, as the policy example has it', async () => {
    const result = await run(
      ['sla', 'due', '--level', 'extended', '--severity', 'critical', '--at', '2026-12-31T17:30:00+03:00'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('2027-01-01T09:30:00.000Z\n');
  });

  it('explains, in Russian for a Russian locale', async () => {
    const result = await run(
      [
        'sla',
        'due',
        '--level',
        'standard',
        '--severity',
        'high',
        '--at',
        '2026-11-03T16:00:00+03:00',
        '--explain',
      ],
      { ...env, LANG: 'ru_RU.UTF-8' },
    );
    expect(result.stdout.split('\n')).toEqual([
      '2026-11-06T08:00:00.000Z',
      'Уровень «Стандартная», критичность «Высокий»: 12 ч, отсчёт в рабочее время по производственному календарю (09:00–18:00 МСК); регламент от 10.07.2025.',
      'Зарегистрирован: 03.11.2026 16:00:00 МСК.',
      'Учтено 03.11.2026 16:00–17:00 (1 ч 0 мин), сокращённый предпраздничный день.',
      'Пропущено 04.11.2026: праздничный день, День народного единства.',
      'Учтено 05.11.2026 09:00–18:00 (9 ч 0 мин).',
      'Учтено 06.11.2026 09:00–11:00 (2 ч 0 мин).',
      'Срок ответа: 06.11.2026 11:00:00 МСК (2026-11-06T08:00:00.000Z).',
      '',
    ]);
  });

  it('gives JSON', async () => {
    const result = await run(
      [
        'sla',
        'due',
        '--level',
        'extended',
        '--severity',
        'low',
        '--at',
        '2026-11-28T12:00:00+03:00',
        '--json',
      ],
      env,
    );
    expect(JSON.parse(result.stdout)).toEqual({
      dueAt: '2026-12-01T15:00:00.000Z',
      registeredAt: '2026-11-28T09:00:00.000Z',
      policyId: '2025-07-10',
    });
  });

  it('answers JSON lines in order in batch mode, an error in place of each bad line', async () => {
    const lines = [
      { level: 'standard', severity: 'critical', at: '2026-11-24T10:00:00+03:00' },
      'not json',
      { level: 'gold', severity: 'critical', at: '2026-11-24T10:00:00+03:00' },
      { level: 'extended', severity: 'high', at: '2023-05-01T10:00:00+03:00' },
      { level: 'extended', severity: 'high' },
      { level: 'extended', severity: 'low', at: '2026-11-28T12:00:00+03:00' },
    ].map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));
    const result = await run(['sla', 'due', '--batch'], env, `${lines.join('\n')}\n`);
    expect(result.code, result.stderr).toBe(0);
    const answers = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(answers).toEqual([
      { dueAt: '2026-11-24T15:00:00.000Z' },
      { error: 'The request body is not valid JSON.' },
      { error: expect.stringMatching(/^level: /) },
      {
        error:
          'at: The production calendar for 2023 is not loaded. An administrator can import it (calendar import).',
      },
      { error: expect.stringMatching(/^at: /) },
      { dueAt: '2026-12-01T15:00:00.000Z' },
    ]);
  });

  it('refuses a bad option with the field and the reason', async () => {
    const result = await run(['sla', 'due', '--level', 'premium', '--severity', 'critical'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^supportdesk: level: /);
  });
});

describe('supportdesk calendar', () => {
  it("shows a month's working days, hours and holidays", async () => {
    const result = await run(['calendar', 'show', '2026-05'], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('2026-05: production calendar of Russia, Moscow time');
    expect(lines[1]).toBe('2026-05-01  Fri -----------  holiday                Spring and Labour Day');
    expect(lines[8]).toBe('2026-05-08  Fri 09:00-17:00  shortened');
    expect(lines[11]).toBe('2026-05-11  Mon -----------  day off                moved from 2026-05-09');
    expect(lines.at(-1)).toBe(
      'Working days: 19; desk hours (09:00-18:00): 170; norm for a 40-hour week: 151 h',
    );
  });

  it('imports a year from a file, and then deadlines reach into it', async () => {
    const file = join(folder, '2028.json');
    const days = ['01', '02', '03', '04', '05', '06', '07'].map((day) => ({
      date: `2028-01-${day}`,
      type: 'holiday',
    }));
    writeFileSync(file, JSON.stringify({ years: { '2028': { days } } }));
    const before = await run(
      ['sla', 'due', '--level', 'standard', '--severity', 'low', '--at', '2027-12-30T10:00:00+03:00'],
      env,
    );
    expect(before.stderr).toContain('The production calendar for 2028 is not loaded');

    const imported = await run(['calendar', 'import', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.split('\n')).toEqual([
      '2028: new, 7 days listed',
      ...days.map((day) => `  + ${day.date} holiday`),
      'imported',
      '',
    ]);
    const after = await run(
      ['sla', 'due', '--level', 'standard', '--severity', 'low', '--at', '2027-12-30T10:00:00+03:00'],
      env,
    );
    expect(after.stdout).toBe('2028-01-13T07:00:00.000Z\n');
    const shipped = await run(
      [
        'sla',
        'due',
        '--shipped',
        '--level',
        'standard',
        '--severity',
        'low',
        '--at',
        '2027-12-30T10:00:00+03:00',
      ],
      env,
    );
    expect(shipped.stderr).toContain('The production calendar for 2028 is not loaded');

    const corrected = [...days.slice(0, 6), { date: '2028-01-20', type: 'dayOff' }];
    writeFileSync(file, JSON.stringify({ years: { '2028': { days: corrected } } }));
    const unconfirmed = await run(['calendar', 'import', file], env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toBe(
      '2028: changed (+1 -1 ~0), 7 days listed\n  + 2028-01-20 dayOff\n  - 2028-01-07 holiday\n',
    );
    expect(unconfirmed.stderr).toContain('The file changes calendar years already loaded: 2028.');
    const replaced = await run(['calendar', 'import', file, '--replace'], env);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout.split('\n').at(-2)).toBe('imported');
    const moved = await run(
      ['sla', 'due', '--level', 'standard', '--severity', 'low', '--at', '2027-12-30T10:00:00+03:00'],
      env,
    );
    expect(moved.stdout).not.toBe(after.stdout);
  });

  it('refuses a broken file, naming what is wrong', async () => {
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{"years": {"2029": {"days": [{"date": "2029-03-07", "type": "workday"}]}}}');
    const result = await run(['calendar', 'import', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'supportdesk: years.2029.days.0.type: 2029-03-07 is a weekday: only a Saturday or Sunday can be made a working day.\n',
    );
    writeFileSync(file, '{"years": ');
    const truncated = await run(['calendar', 'import', file], env);
    expect(truncated.stderr).toContain('is not valid JSON');
  });
});
