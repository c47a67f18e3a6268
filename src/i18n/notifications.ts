import type { Language } from '../domain/people.js';
import { formatDate, moscowDateTime } from './slaExplanation.js';
import { hasMessage, translator } from './translator.js';

const INSTANTS = new Set(['responseDueAt', 'autoCloseAt', 'followUpDueAt']);
const DAYS = new Set(['validTo', 'effectiveFrom']);
const TRANSLATED: Record<string, string> = {
  level: 'levels',
  severity: 'severities',
  from: 'severities',
  to: 'severities',
  reason: 'errors',
};

/** A notification as its reader sees it: codes named, instants in Moscow time, in the reader's language. */
export function renderNotification(
  template: string,
  params: Record<string, unknown>,
  language: Language,
): string {
  const t = translator(language);
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) values[key] = '';
    else if (INSTANTS.has(key)) values[key] = moscowDateTime(new Date(String(value)), language);
    else if (DAYS.has(key)) values[key] = formatDate(String(value), language);
    else if (TRANSLATED[key] && hasMessage(`${TRANSLATED[key]}.${value}`))
      values[key] = t(`${TRANSLATED[key]}.${value}`);
    else values[key] = String(value);
  }
  // A number of days is told in the language's own plural form ("1 день", "3 дня", "5 дней").
  const count = typeof params.days === 'number' ? { count: params.days } : {};
  return t(`notifications.${template}`, { ...values, ...count });
}
