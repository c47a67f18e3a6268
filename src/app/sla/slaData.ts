import { asc, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CalendarSettings } from '../../config.js';
import { type Queryable, rowsOf } from '../../db/database.js';
import { calendarOverrides, calendarYears, policyVersions, slaDataRevision } from '../../db/schema.js';
import type { CalendarDay, CalendarOverride, DayType } from '../../domain/calendar/productionCalendar.js';
import { SHIPPED_CALENDAR, calendarYears as shippedYears } from '../../domain/calendar/shippedCalendar.js';
import { STANDARD_WORKING_HOURS, WorkingCalendar } from '../../domain/calendar/workingCalendar.js';
import { DEFAULT_POLICY, type PolicyVersion } from '../../domain/sla/policy.js';

export interface SlaData {
  calendar: WorkingCalendar;
  /** The shipped default first, then the versions administrators added, by effective date. */
  policies: PolicyVersion[];
  /** Where each loaded year came from. */
  yearSources: Map<number, 'shipped' | 'imported'>;
  revision: number;
}

/**
 * The working calendar and policy versions in force, built once and rebuilt only when an
 * administrator changes them: every change bumps one revision row, which each server instance reads
 * at most once per `freshnessMs` (a change made here is seen here at once, elsewhere within that time).
 */
export class SlaDataCache {
  private cached: SlaData | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: CalendarSettings,
    private readonly logger?: Pick<Logger, 'warn'>,
    private readonly freshnessMs = 1000,
  ) {}

  /** Forget the revision last read: the next load reads it again (after a change made by this instance). */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  async load(db: Queryable): Promise<SlaData> {
    if (this.cached && performance.now() - this.checkedAt < this.freshnessMs) return this.cached;
    const revision = await currentRevision(db);
    this.checkedAt = performance.now();
    if (this.cached?.revision === revision) return this.cached;
    const [imported, overrides, added] = await Promise.all([
      db.select().from(calendarYears),
      db.select().from(calendarOverrides),
      db.select().from(policyVersions).orderBy(asc(policyVersions.id)),
    ]);
    const years = shippedYears(SHIPPED_CALENDAR);
    const yearSources = new Map<number, 'shipped' | 'imported'>(
      [...years.keys()].map((year) => [year, 'shipped']),
    );
    for (const row of imported) {
      years.set(row.year, row.days as CalendarDay[]);
      yearSources.set(row.year, 'imported');
    }
    const calendar = new WorkingCalendar({
      years,
      overrides: overrides.map(
        (row): CalendarOverride => ({
          date: row.date,
          type: row.type as DayType,
          name: row.name ?? undefined,
        }),
      ),
      hours: { ...STANDARD_WORKING_HOURS, shortenedBy: this.settings.shortenedDays ? 60 : 0 },
      weekdayFallback: this.settings.weekdayFallback,
    });
    if (calendar.synthesizedYears.length > 0) {
      this.logger?.warn(
        { years: calendar.synthesizedYears },
        'production calendar not loaded for these years: counting them as plain Monday-to-Friday years',
      );
    }
    this.cached = {
      calendar,
      policies: [DEFAULT_POLICY, ...added.map((row) => row.document as PolicyVersion)],
      yearSources,
      revision,
    };
    return this.cached;
  }
}

async function currentRevision(db: Queryable): Promise<number> {
  const [row] = await rowsOf<{ revision: number }>(
    db,
    sql`select coalesce((select revision from ${slaDataRevision} where id = 1), 0)::bigint as revision`,
  );
  return Number(row?.revision ?? 0);
}

/** Marks calendar or policy data changed; call inside the transaction that changes it. */
export async function bumpSlaRevision(db: Queryable): Promise<void> {
  await db
    .insert(slaDataRevision)
    .values({ id: 1, revision: 1 })
    .onConflictDoUpdate({
      target: slaDataRevision.id,
      set: { revision: sql`${slaDataRevision.revision} + 1` },
    });
}
