export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited';

/**
 * A refusal a use case hands back to its channel. `code` is stable and names the message the
 * channel shows in the user's language; `field` names the offending input, where there is one.
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly field?: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 'not_found');
export const forbidden = () => new AppError('forbidden', 'forbidden');
