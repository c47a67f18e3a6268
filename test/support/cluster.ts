import { randomUUID } from 'node:crypto';

/** A person signed in over HTTP, as a browser holds it: the session cookie and its CSRF token. */
export interface HttpSession {
  cookie: string;
  csrfToken: string;
}

const CALL_TIMEOUT_MS = 15_000;

export async function signInOverHttp(base: string, email: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('sd_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: cookie.split(';')[0] ?? '', csrfToken };
}

export function callOverHttp(
  base: string,
  session: HttpSession,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
  });
}

/** What a client does when an answer is lost: the balancer's 502-504, a refused or dropped connection. */
const LOST_ANSWERS = new Set([502, 503, 504]);

/**
 * A write as a careful client sends it: with an Idempotency-Key, and again with the same key
 * whenever the answer is lost, until the desk answers. Any other answer is the desk's and final.
 */
export async function writeWithRetries<T>(
  base: string,
  session: HttpSession,
  path: string,
  body: unknown,
  expectedStatus = 201,
): Promise<T> {
  const key = randomUUID();
  let lost = 0;
  for (;;) {
    const response = await callOverHttp(base, session, 'POST', path, body, { 'idempotency-key': key }).catch(
      () => null,
    );
    if (response && !LOST_ANSWERS.has(response.status)) {
      const text = await response.text();
      if (response.status !== expectedStatus)
        throw new Error(`POST ${path} answered ${response.status}: ${text}`);
      return JSON.parse(text) as T;
    }
    await response?.body?.cancel();
    lost += 1;
    if (lost > 100) throw new Error(`POST ${path} lost its answer 100 times`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
