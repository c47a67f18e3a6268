/**
 * The one way the web app talks to the desk: JSON over /api/v1 with the session cookie, the CSRF
 * token on every write, and problem+json answers turned into an ApiProblem carrying the server's
 * text in the reader's language.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  /** The message for one form field, when the server named that field. */
  forField(field: string): string | undefined {
    const found = this.errors.find((error) => error.field === field);
    if (found) return found.message;
    return this.field === field ? this.message : undefined;
  }
}

let csrfToken: string | null = null;
let language = 'ru';

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export function setApiLanguage(next: string) {
  language = next;
}

type Body = Record<string, unknown> | unknown[] | FormData | undefined;

export async function api<T>(
  method: string,
  path: string,
  body?: Body,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': language,
    ...extraHeaders,
  };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiProblem(0, 'network', '');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    throw new ApiProblem(
      response.status,
      data?.code ?? 'internal_error',
      data?.title ?? response.statusText,
      data?.field ?? null,
      Array.isArray(data?.errors) ? data.errors : [],
    );
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: Body) => api<T>('POST', path, body ?? {});
/**
 * A change to what the reader saw at `version` (a request's): when it has moved on since, the server
 * answers 409 ticket_changed instead of writing over a change the reader has not seen.
 */
export const postAt = <T>(path: string, body: Body, version: number | undefined) =>
  api<T>('POST', path, body ?? {}, version === undefined ? {} : { 'if-match': String(version) });
/** A write the server keeps under a key: sent again after a lost answer, it is not made twice. */
export const postOnce = <T>(path: string, body: Body, idempotencyKey: string, version?: number) =>
  api<T>('POST', path, body, {
    'idempotency-key': idempotencyKey,
    ...(version === undefined ? {} : { 'if-match': String(version) }),
  });
export const patch = <T>(path: string, body: Body) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: Body) => api<T>('PUT', path, body);
export const remove = <T>(path: string) => api<T>('DELETE', path);

/** Query strings with repeated keys for lists (status=new&status=in_progress). */
export function query(
  params: Record<string, string | readonly string[] | number | undefined | null>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
