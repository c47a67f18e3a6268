import type { Severity } from '../sla/policy.js';

/** How a ticket is named in a subject: the desk puts it there, and a reply keeps it. */
export const TICKET_TAG = /\[(SD-\d{4}-\d{5,})\]/i;

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  критический: 'critical',
  критичный: 'critical',
  высокий: 'high',
  средний: 'medium',
  низкий: 'low',
};

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|ответ|отв|пересл|fw)\s*(\[\d+\])?\s*:\s*)+/i;

export interface SubjectReading {
  /** SD-YYYY-NNNNN when the subject names a ticket. */
  ticketNumber: string | null;
  severity: Severity | null;
  /** The instance named in brackets, as the organization spells it. */
  instanceName: string | null;
  /** What is left to show: tags and reply prefixes taken away. */
  subject: string;
}

/**
 * The subject convention of the mail channel (docs/email.md): bracketed tags anywhere in the subject
 * name the ticket (`[SD-2026-00042]`), the severity (`[critical]`, `[высокий]` ...) and the instance
 * (`[esb-prod-spb]`, one of the organization's instance names, any case). Unknown tags stay in the text.
 */
export function readSubject(raw: string, instanceNames: readonly string[]): SubjectReading {
  let ticketNumber: string | null = null;
  let severity: Severity | null = null;
  let instanceName: string | null = null;
  const rest = raw.replace(/\[([^\]]{1,100})\]/g, (tag, inner: string) => {
    const word = inner.trim();
    if (TICKET_TAG.test(tag) && !ticketNumber) {
      ticketNumber = word.toUpperCase();
      return ' ';
    }
    const level = SEVERITY_WORDS[word.toLowerCase()];
    if (level && !severity) {
      severity = level;
      return ' ';
    }
    const instance = instanceNames.find((name) => name.toLowerCase() === word.toLowerCase());
    if (instance && !instanceName) {
      instanceName = instance;
      return ' ';
    }
    return tag;
  });
  const subject = rest.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim();
  return { ticketNumber, severity, instanceName, subject };
}
