import { z } from 'zod';
import type { Language } from '../domain/people.js';
import { hasMessage, translator } from './translator.js';

/** One failed check of an input, whichever channel it came through. */
export interface InputIssue {
  code: string;
  path: readonly PropertyKey[];
  message?: string | undefined;
  /** The check's own details (minimum, expected type, unexpected keys ...), as Zod reports them. */
  params: Record<string, unknown>;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

const zodLocales = { ru: z.locales.ru(), en: z.locales.en() };

/**
 * Names the offending field and explains the failure in the reader's language. Messages we wrote
 * ourselves are i18n keys; the rest come from Zod's own Russian and English locales.
 */
export function describeIssue(issue: InputIssue, language: Language): FieldError {
  const path = issue.path.map(String);
  // An unexpected property is reported on its parent object; name the property itself.
  const unexpected = issue.params.keys;
  if (issue.code === 'unrecognized_keys' && Array.isArray(unexpected) && unexpected.length > 0) {
    path.push(String(unexpected[0]));
  }
  const ownKey = issue.message && hasMessage(issue.message) ? issue.message : undefined;
  const message = ownKey
    ? translator(language)(ownKey)
    : (localeMessage(language, { ...issue.params, code: issue.code, path }) ?? issue.message ?? issue.code);
  return { field: path.join('.'), code: issue.code, message };
}

/** The same for a ZodError raised outside HTTP (CLI arguments, the demo loader). */
export function describeZodError(error: z.ZodError, language: Language): FieldError[] {
  return error.issues.map(({ code, path, message, ...params }) =>
    describeIssue({ code, path, message, params }, language),
  );
}

function localeMessage(language: Language, issue: Record<string, unknown>): string | undefined {
  const localized = zodLocales[language].localeError?.(issue as never);
  if (typeof localized === 'string') return localized;
  return localized?.message;
}
