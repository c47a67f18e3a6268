/**
 * Deadlines per second of the SLA engine against dayjs-business-time, the business-hours plugin of
 * Day.js that a TypeScript developer would otherwise reach for, computing the same deadlines in the
 * same run. Prints both rates, the ratio, where the two agree and why they differ, and as its last
 * line one JSON object {"rate", "comparatorRate", "ratio"}.
 */
process.env.TZ = 'Europe/Moscow';

import dayjs from 'dayjs';
import dayjsBusinessTime from 'dayjs-business-time';
import { SHIPPED_CALENDAR, shippedWorkingCalendar } from '../../src/domain/calendar/shippedCalendar.js';
import { responseTable } from '../../src/domain/sla/deadline.js';
import { DEFAULT_POLICY, durationMs } from '../../src/domain/sla/policy.js';

dayjs.extend(dayjsBusinessTime);

const SAMPLES = Number(process.env.SLA_BENCH_SAMPLES ?? 200_000);
const COMPARATOR_SAMPLES = Number(process.env.SLA_BENCH_COMPARATOR_SAMPLES ?? 4_000);
const ROUNDS = Number(process.env.SLA_BENCH_ROUNDS ?? 10);

const calendar = shippedWorkingCalendar();
const table = responseTable(calendar, DEFAULT_POLICY);
const FROM = Date.parse('2024-01-01T00:00:00+03:00');
// Leave room for the longest deadline (4 working days) before the last loaded year ends.
const TO = Date.parse('2027-12-15T00:00:00+03:00');

/** A small fixed-seed generator, so that every run measures the same instants. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const next = random(20260710);
const cells = new Uint8Array(SAMPLES);
const starts = new Float64Array(SAMPLES);
for (let index = 0; index < SAMPLES; index += 1) {
  cells[index] = Math.floor(next() * table.cells.length);
  starts[index] = Math.floor((FROM + next() * (TO - FROM)) / 1000) * 1000;
}

function measureEngine(): { rate: number; checksum: number } {
  let checksum = 0;
  for (let index = 0; index < 20_000; index += 1)
    checksum += table.dueAt(cells[index] as number, starts[index] as number);
  const began = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let index = 0; index < SAMPLES; index += 1) {
      checksum += table.dueAt(cells[index] as number, starts[index] as number) - (starts[index] as number);
    }
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return { rate: (SAMPLES * ROUNDS) / seconds, checksum };
}

/** What the comparator can be told: weekly hours and whole-day holidays; no shortened days, no working weekends. */
const nonWorkingWeekdays = Object.values(SHIPPED_CALENDAR.years)
  .flatMap((year) => year.days)
  .filter((day) => day.type === 'holiday' || day.type === 'dayOff')
  .map((day) => day.date);
const nineToSix = [{ start: '09:00:00', end: '18:00:00' }];
const businessWeek = {
  sunday: null,
  monday: nineToSix,
  tuesday: nineToSix,
  wednesday: nineToSix,
  thursday: nineToSix,
  friday: nineToSix,
  saturday: null,
};
const everyDay = { ...businessWeek, saturday: nineToSix, sunday: nineToSix };

function comparatorDeadlines(clock: 'business' | 'daily', indices: number[]): Map<number, number> {
  dayjs.setBusinessTime(clock === 'business' ? businessWeek : everyDay);
  dayjs.setHolidays(clock === 'business' ? nonWorkingWeekdays : []);
  const results = new Map<number, number>();
  for (const index of indices) {
    const cell = table.cells[cells[index] as number];
    if (!cell) continue;
    const hours = cell.duration / 3_600_000;
    results.set(
      index,
      dayjs(starts[index] as number)
        .addBusinessHours(hours)
        .valueOf(),
    );
  }
  return results;
}

function measureComparator() {
  const byClock = { business: [] as number[], daily: [] as number[] };
  for (let index = 0; index < COMPARATOR_SAMPLES; index += 1) {
    const cell = table.cells[cells[index] as number];
    if (cell) byClock[cell.clock.kind].push(index);
  }
  const began = process.hrtime.bigint();
  const business = comparatorDeadlines('business', byClock.business);
  const daily = comparatorDeadlines('daily', byClock.daily);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return { rate: COMPARATOR_SAMPLES / seconds, answers: new Map([...business, ...daily]) };
}

/** Why a disagreement is the comparator's limit rather than a difference of reading. */
function inexpressible(start: number, end: number): boolean {
  for (let day = start - 86_400_000; day <= end + 86_400_000; day += 86_400_000) {
    const info = calendar.day(new Date(day + 3 * 3_600_000).toISOString().slice(0, 10));
    if (info.shortened || info.kind === 'workday') return true;
  }
  return false;
}

const engine = measureEngine();
const comparator = measureComparator();

let agree = 0;
let minuteRounded = 0;
let explained = 0;
const unexplained: string[] = [];
for (const [index, theirs] of comparator.answers) {
  const ours = table.dueAt(cells[index] as number, starts[index] as number);
  if (ours === theirs) agree += 1;
  // The comparator counts whole minutes: a start at hh:mm:ss comes back rounded to the next minute.
  else if (Math.ceil(ours / 60_000) * 60_000 === theirs && (starts[index] as number) % 60_000 !== 0)
    minuteRounded += 1;
  else if (inexpressible(starts[index] as number, Math.max(ours, theirs))) explained += 1;
  else if (unexplained.length < 5) {
    const cell = table.cells[cells[index] as number];
    unexplained.push(
      `${cell?.level}/${cell?.severity} at ${new Date(starts[index] as number).toISOString()}: ` +
        `ours ${new Date(ours).toISOString()}, comparator ${new Date(theirs).toISOString()}`,
    );
  }
}
const compared = comparator.answers.size;
const ratio = engine.rate / comparator.rate;

const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
process.stdout.write(
  [
    `SLA engine: ${format(engine.rate)} deadlines/s (${SAMPLES} random instants 2024-2027 x ${ROUNDS} rounds, all 8 cells, one core; ${Math.round(engine.checksum / 3_600_000)} deadline-hours summed)`,
    `dayjs-business-time: ${format(comparator.rate)} deadlines/s (${COMPARATOR_SAMPLES} of the same instants)`,
    `ratio: ${ratio.toFixed(1)}x`,
    `agreement on ${compared} deadlines: ${agree} equal to the millisecond; ` +
      `${minuteRounded} equal but for the comparator rounding up to whole minutes (it cannot count seconds); ` +
      `${explained} differ where it cannot express the rule (shortened pre-holiday days, weekend days made working); ` +
      `${compared - agree - minuteRounded - explained} differ otherwise`,
    ...unexplained.map((line) => `  unexplained: ${line}`),
    `durations used: ${[...new Set(table.cells.map((cell) => `${cell.level}/${cell.severity}=${durationMs(DEFAULT_POLICY, DEFAULT_POLICY.response[cell.level][cell.severity]) / 3_600_000}h ${cell.clock.kind}`))].join(', ')}`,
    JSON.stringify({
      rate: Math.round(engine.rate),
      comparatorRate: Math.round(comparator.rate),
      ratio: Number(ratio.toFixed(1)),
    }),
    '',
  ].join('\n'),
);
