import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasMessage, translator } from '../i18n/translator.js';
import type { FieldError } from '../i18n/validation.js';

export interface ProblemOptions {
  field?: string | undefined;
  errors?: FieldError[];
  params?: Record<string, string | number>;
}

/**
 * Answers with RFC 9457 problem details: a stable `code` for programs, a `title` in the reader's
 * language, and for bad input the offending `field` and every field error.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  options: ProblemOptions = {},
) {
  const t = translator(request.language);
  const key = `errors.${code}`;
  const title = hasMessage(key) ? t(key, options.params ?? {}) : t('errors.internal_error');
  const errors =
    options.errors ??
    (options.field === undefined ? undefined : [{ field: options.field, code, message: title }]);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `urn:supportdesk:problem:${code}`,
      title,
      status,
      code,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(options.field === undefined ? {} : { field: options.field }),
      ...(errors === undefined ? {} : { errors }),
    });
}
