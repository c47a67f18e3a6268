import { MOSCOW_OFFSET_MINUTES } from '../domain/calendar/moscowTime.js';
import type { DayInfo } from '../domain/calendar/productionCalendar.js';
import type { Language } from '../domain/people.js';
import type { DeadlineExplanation } from '../domain/sla/deadline.js';
import { translator } from './translator.js';

const OFFSET_MS = MOSCOW_OFFSET_MINUTES * 60_000;

/** Moscow wall-clock date and time, as a reader of that language writes it. */
export function moscowDateTime(instant: Date, language: Language): string {
  const local = new Date(instant.getTime() + OFFSET_MS).toISOString();
  const [date = '', time = ''] = [local.slice(0, 10), local.slice(11, 19)];
  return `${formatDate(date, language)} ${time}`;
}

export function formatDate(date: string, language: Language): string {
  if (language === 'en') return date;
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
}

function amount(ms: number, language: Language): string {
  const t = translator(language);
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0
    ? t('sla.amount', { hours, minutes })
    : t('sla.amount_seconds', { hours, minutes, seconds });
}

function skipReason(day: DayInfo, language: Language): string {
  const t = translator(language);
  const kind = day.kind === 'holiday' || day.kind === 'dayOff' ? day.kind : 'weekend';
  const name = language === 'ru' ? day.name : (day.nameEn ?? day.name);
  const parts = [t(`sla.kind_${kind}`)];
  if (name) parts.push(name);
  if (day.transferredFrom)
    parts.push(t('sla.transferred_from', { date: formatDate(day.transferredFrom, language) }));
  return parts.join(', ');
}

/** The explanation of a deadline as lines of text, for the UI, mail and the command line. */
/**
 * The explanation's lines. People read Moscow time; `withUtc` adds the instant in UTC to the due line, for
 * the operator's command line, where it is compared with logs and other systems.
 */
export function renderExplanation(
  explanation: DeadlineExplanation,
  language: Language,
  { withUtc = false } = {},
): string[] {
  const t = translator(language);
  const { duration } = explanation;
  const durationText =
    'hours' in duration
      ? t('sla.duration_hours', { count: duration.hours })
      : t('sla.duration_workingDays', {
          count: duration.workingDays,
          hours: explanation.durationMs / 3_600_000,
        });
  const lines = [
    t('sla.rule', {
      level: t(`levels.${explanation.level}`),
      severity: t(`severities.${explanation.severity}`),
      duration: durationText,
      clock: t(`sla.clock_${explanation.clock}`),
      policy: formatDate(explanation.policy.id, language),
    }),
    t('sla.registered', { at: moscowDateTime(explanation.registeredAt, language) }),
  ];
  if (explanation.countingStartsAt.getTime() > explanation.registeredAt.getTime()) {
    lines.push(t('sla.counting_starts', { at: moscowDateTime(explanation.countingStartsAt, language) }));
  }
  const skipped = [...explanation.skippedDays];
  for (const stretch of explanation.stretches) {
    while (skipped[0] && skipped[0].date < stretch.date) {
      const day = skipped.shift() as DayInfo;
      lines.push(
        t('sla.skipped', { date: formatDate(day.date, language), reason: skipReason(day, language) }),
      );
    }
    lines.push(
      t('sla.counted', {
        date: formatDate(stretch.date, language),
        from: stretch.from.slice(0, stretch.from.endsWith(':00') ? 5 : 8),
        to: stretch.to.slice(0, stretch.to.endsWith(':00') ? 5 : 8),
        amount: amount(stretch.countedMs, language),
        note: explanation.clock === 'business' && stretch.day.shortened ? t('sla.shortened_note') : '',
      }),
    );
  }
  const at = moscowDateTime(explanation.dueAt, language);
  lines.push(withUtc ? t('sla.due_utc', { at, utc: explanation.dueAt.toISOString() }) : t('sla.due', { at }));
  return lines;
}
