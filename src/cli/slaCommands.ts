import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ZodError, z } from 'zod';
import type { AppContext } from '../app/context.js';
import { AppError } from '../app/shared/errors.js';
import { calendarMonth, importCalendar, previewCalendarImport } from '../app/sla/calendar.js';
import { calendarGap, deadlineFrom } from '../app/sla/sla.js';
import type { SlaData } from '../app/sla/slaData.js';
import { type CalendarYearImport, calendarFileInput } from '../contract/calendar.js';
import { level, month, severity } from '../contract/fields.js';
import { deadlineInput } from '../contract/sla.js';
import { systemClock } from '../domain/calendar/clock.js';
import { shippedWorkingCalendar } from '../domain/calendar/shippedCalendar.js';
import { responseTable } from '../domain/sla/deadline.js';
import { DEFAULT_POLICY, type PolicyVersion, policyInForce } from '../domain/sla/policy.js';
import { renderExplanation } from '../i18n/slaExplanation.js';
import { translator } from '../i18n/translator.js';
import { cliActor, describeFailure, language, out, withContext } from './runtime.js';

interface DueOptions {
  level?: string;
  severity?: string;
  at?: string;
  explain?: boolean;
  json?: boolean;
  batch?: boolean;
  shipped?: boolean;
}

/** The calendar and policies of the database, or with --shipped the ones this version ships, untouched. */
async function withSlaData<T>(
  shipped: boolean,
  work: (data: Pick<SlaData, 'calendar' | 'policies'>) => Promise<T>,
) {
  if (shipped) {
    return work({ calendar: shippedWorkingCalendar(), policies: [DEFAULT_POLICY] });
  }
  return withContext(async (ctx: AppContext) => work(await ctx.sla.load(ctx.db)));
}

const batchLine = z.object({ level, severity, at: z.iso.datetime({ offset: true }) });

/**
 * Reads JSON lines {"level","severity","at"} and writes {"dueAt"} for each, in order; a bad line
 * gets {"error"} in its place and the run goes on.
 */
async function dueBatch(data: Pick<SlaData, 'calendar' | 'policies'>): Promise<void> {
  const tables = new Map<string, ReturnType<typeof responseTable>>();
  const tableFor = (policy: PolicyVersion) => {
    let table = tables.get(policy.id);
    if (!table) {
      table = responseTable(data.calendar, policy);
      tables.set(policy.id, table);
    }
    return table;
  };
  let buffer = '';
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer;
    buffer = '';
    if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  };
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === '') continue;
    let answer: string;
    try {
      const parsed = batchLine.parse(JSON.parse(line));
      const registeredAt = new Date(parsed.at);
      const table = tableFor(policyInForce(data.policies, registeredAt));
      try {
        const dueAt = table.dueAt(table.cellIndex(parsed.level, parsed.severity), registeredAt.getTime());
        answer = JSON.stringify({ dueAt: new Date(dueAt).toISOString() });
      } catch (error) {
        throw calendarGap(error, 'at');
      }
    } catch (error) {
      answer = JSON.stringify({ error: lineError(error) });
    }
    buffer += `${answer}\n`;
    if (buffer.length > 64 * 1024) await flush();
  }
  await flush();
}

function lineError(error: unknown): string {
  if (error instanceof SyntaxError) return translator(language)('errors.invalid_json');
  if (error instanceof ZodError || error instanceof AppError) return describeFailure(error);
  throw error;
}

async function dueOne(options: DueOptions): Promise<void> {
  const input = deadlineInput.parse({
    level: options.level,
    severity: options.severity,
    at: options.at,
    explain: options.explain === true,
  });
  await withSlaData(options.shipped === true, async ({ calendar, policies }) => {
    const result = deadlineFrom({ calendar, policies }, input, systemClock.now());
    const lines = result.explanation
      ? renderExplanation(result.explanation, language, { withUtc: true })
      : [];
    if (options.json) {
      out(
        JSON.stringify({
          dueAt: result.dueAt.toISOString(),
          registeredAt: result.registeredAt.toISOString(),
          policyId: result.policy.id,
          ...(result.explanation ? { explanation: lines } : {}),
        }),
      );
      return;
    }
    out(result.dueAt.toISOString());
    for (const line of lines) out(line);
  });
}

function printMonth(view: Awaited<ReturnType<typeof calendarMonth>>): void {
  const t = translator(language);
  out(t('calendar.month_title', { month: view.month }));
  for (const day of view.days) {
    const name = language === 'ru' ? day.name : (day.nameEn ?? day.name);
    const hours = day.hours ? `${day.hours.opensAt}-${day.hours.closesAt}` : '-----------';
    const notes = [
      name,
      day.transferredFrom ? t('sla.transferred_from', { date: day.transferredFrom }) : null,
      day.source === 'override' ? t('calendar.override') : null,
    ]
      .filter(Boolean)
      .join('; ');
    out(
      `${day.date}  ${t(`calendar.weekday_${day.weekday}`).padEnd(3)} ${hours}  ${t(`calendar.kind_${day.kind}`).padEnd(22)} ${notes}`.trimEnd(),
    );
  }
  out(
    t('calendar.totals', {
      days: view.totals.workingDays,
      opensAt: '09:00',
      closesAt: '18:00',
      deskHours: view.totals.deskHours,
      normHours: view.totals.normHours40,
    }),
  );
}

export function registerSlaCommands(program: Command): void {
  const sla = program.command('sla').description('response deadlines under the support policy');
  sla
    .command('due')
    .description('print the response deadline (ISO 8601, UTC) of a request registered at an instant')
    .option('--level <level>', 'standard or extended')
    .option('--severity <severity>', 'critical, high, medium or low')
    .option('--at <instant>', 'registration instant, ISO 8601 with offset (default: now)')
    .option('--explain', 'add how the deadline was counted')
    .option('--json', 'machine-readable output')
    .option('--batch', 'read JSON lines {"level","severity","at"} from standard input, write {"dueAt"} lines')
    .option('--shipped', "use the shipped calendar and default policy instead of the database's")
    .action(async (options: DueOptions) => {
      if (options.batch) await withSlaData(options.shipped === true, dueBatch);
      else await dueOne(options);
    });

  const calendar = program.command('calendar').description('the production calendar');
  calendar
    .command('show')
    .description("print a month's working days, hours and holidays")
    .argument('<month>', 'YYYY-MM')
    .action(async (value: string) => {
      const parsed = z.object({ month }).parse({ month: value }).month;
      await withContext(async (ctx) => printMonth(await calendarMonth(ctx, cliActor, parsed)));
    });
  calendar
    .command('import')
    .description(
      'load production-calendar years from a file in the shipped format, printing what changes in the loaded years',
    )
    .argument('<file>', 'JSON file')
    .option(
      '--replace',
      'replace the loaded years the file changes (run without it first to read the changes)',
    )
    .action(async (file: string, options: { replace?: boolean }) => {
      let content: unknown;
      try {
        content = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        if (error instanceof SyntaxError) throw new AppError('invalid', 'invalid_json', file);
        throw error;
      }
      const input = calendarFileInput.parse(content);
      await withContext(async (ctx) => {
        for (const year of await previewCalendarImport(ctx, cliActor, input)) printYearImport(year);
        await importCalendar(ctx, cliActor, input, { replace: options.replace === true });
        out('imported');
      });
    });
}

function printYearImport(year: CalendarYearImport): void {
  const counts = `+${year.added.length} -${year.removed.length} ~${year.changed.length}`;
  out(
    `${year.year}: ${year.state}${year.state === 'changed' ? ` (${counts})` : ''}, ${year.days} days listed`,
  );
  for (const day of year.added) out(`  + ${day.date} ${day.type}${day.name ? ` ${day.name}` : ''}`);
  for (const day of year.removed) out(`  - ${day.date} ${day.type}${day.name ? ` ${day.name}` : ''}`);
  for (const day of year.changed) out(`  ~ ${day.date} ${day.before.type} -> ${day.after.type}`);
}
