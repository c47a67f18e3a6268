import i18next from 'i18next';

/** Every time on screen is Moscow time with the zone named: the policy counts in it. */
const MOSCOW = 'Europe/Moscow';

function locale() {
  return i18next.language === 'en' ? 'en-GB' : 'ru-RU';
}

export function moscowDateTime(iso: string | null | undefined): string {
  if (!iso) return i18next.t('common.none');
  const text = new Intl.DateTimeFormat(locale(), {
    timeZone: MOSCOW,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${text} ${i18next.t('common.moscow')}`;
}

/** A calendar day (YYYY-MM-DD, already Moscow) in the reader's style. */
export function calendarDay(date: string | null | undefined): string {
  if (!date) return i18next.t('common.indefinite');
  const [year, month, day] = date.split('-');
  return i18next.language === 'en' ? `${day}/${month}/${year}` : `${day}.${month}.${year}`;
}

/**
 * A length of clock time in hours and minutes (not days: a working day is 9 clock hours, a calendar day
 * 24, and the reader should not have to know which). Started minutes count, as on any countdown.
 */
export function duration(ms: number): string {
  const minutes = Math.ceil(Math.abs(ms) / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(i18next.t('sla.hours', { count: hours }));
  if (rest > 0 || hours === 0) parts.push(i18next.t('sla.minutes', { count: rest }));
  return parts.join(' ');
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
