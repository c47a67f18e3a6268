import { z } from 'zod';
import type { Language } from '../i18n/messages.js';
import { hasMessage, translator } from '../i18n/translator.js';
import type { FieldError } from './problem.js';

/** The shape fastify-type-provider-zod gives each failed check of a request. */
export interface RequestValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

const zodLocales = { ru: z.locales.ru(), en: z.locales.en() };

/**
 * Turns schema failures into field errors in the reader's language. Messages we wrote ourselves
 * are i18n keys; the rest come from Zod's own Russian and English locales.
 */
export function fieldErrors(
  issues: readonly RequestValidationIssue[],
  part: string,
  language: Language,
): FieldError[] {
  const t = translator(language);
  return issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    // An unexpected property is reported on its parent object; name the property itself.
    const unexpected = issue.params.keys;
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(unexpected) && unexpected.length > 0) {
      path.push(String(unexpected[0]));
    }
    const field = part === 'body' ? path.join('.') : [part, ...path].join('.');
    const ownKey = issue.message && hasMessage(issue.message) ? issue.message : undefined;
    const message = ownKey
      ? t(ownKey)
      : (localeMessage(language, { ...issue.params, code: issue.keyword, path }) ??
        issue.message ??
        issue.keyword);
    return { field: field || part, code: issue.keyword, message };
  });
}

function localeMessage(language: Language, issue: Record<string, unknown>): string | undefined {
  const localized = zodLocales[language].localeError?.(issue as never);
  if (typeof localized === 'string') return localized;
  return localized?.message;
}
