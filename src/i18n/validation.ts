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

/**
 * A missing value is told apart while the input is still at hand (Zod keeps it only during the
 * parse): every channel then says "fill in this field" rather than "expected string, got undefined".
 */
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null)
      ? 'validation.required'
      : undefined,
});

const FORMAT_MESSAGES: Record<string, string> = {
  date: 'validation.date',
  datetime: 'validation.datetime',
  email: 'validation.email',
  uuid: 'validation.uuid',
  guid: 'validation.uuid',
  url: 'validation.url',
};
const NUMBER_ORIGINS = new Set(['number', 'int', 'bigint']);
const LIST_ORIGINS = new Set(['array', 'set']);

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
    const field = path.at(-1) ?? '';
    return {
      field: path.join('.'),
      code: issue.code,
      message: translator(language)('validation.unexpected_field', {
        field,
      }),
    };
  }
  const t = translator(language);
  const ownKey = issue.message && hasMessage(issue.message) ? issue.message : undefined;
  const message = ownKey ? t(ownKey) : checkMessage(t, issue.code, issue.params);
  return { field: path.join('.'), code: issue.code, message };
}

/** A failed built-in check, explained for a person: what to enter, not how the check is named. */
function checkMessage(
  t: ReturnType<typeof translator>,
  code: string,
  params: Record<string, unknown>,
): string {
  const origin = String(params.origin ?? '');
  switch (code) {
    case 'invalid_type': {
      const expected = String(params.expected ?? '');
      const label = hasMessage(`value_types.${expected}`) ? t(`value_types.${expected}`) : expected;
      return t('validation.wrong_type', { expected: label });
    }
    case 'too_small':
      if (NUMBER_ORIGINS.has(origin)) return t('validation.number_too_small', { minimum: params.minimum });
      if (LIST_ORIGINS.has(origin)) return t('validation.list_too_short', { count: Number(params.minimum) });
      return Number(params.minimum) <= 1
        ? t('validation.required')
        : t('validation.text_too_short', { minimum: params.minimum });
    case 'too_big':
      if (NUMBER_ORIGINS.has(origin)) return t('validation.number_too_big', { maximum: params.maximum });
      if (LIST_ORIGINS.has(origin)) return t('validation.list_too_long', { maximum: params.maximum });
      return t('validation.text_too_long', { maximum: params.maximum });
    case 'not_multiple_of':
      return t('validation.whole_number');
    case 'invalid_format':
      return t(FORMAT_MESSAGES[String(params.format)] ?? 'validation.pattern');
    case 'invalid_value':
      return t('validation.one_of', {
        values: Array.isArray(params.values) ? params.values.join(', ') : '',
      });
    default:
      return t('validation.invalid');
  }
}

/** The same for a ZodError raised outside HTTP (CLI arguments, the demo loader). */
export function describeZodError(error: z.ZodError, language: Language): FieldError[] {
  return error.issues.map(({ code, path, message, ...params }) =>
    describeIssue({ code, path, message, params }, language),
  );
}
