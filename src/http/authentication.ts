import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken, authenticateSession } from '../app/accounts/auth.js';
import type { Actor } from '../app/shared/actor.js';
import { AppError } from '../app/shared/errors.js';
import { sameSecret } from '../app/shared/secrets.js';
import type { HttpDependencies } from './dependencies.js';
import { sendProblem } from './problem.js';

export const SESSION_COOKIE = 'sd_session';

/** Hands the browser a session that was just opened (by a password, a mailed link, single sign-on). */
export function setSessionCookie(reply: FastifyReply, session: { sessionToken: string }, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, session.sessionToken, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    // No expiry on the cookie itself: the server slides the session's expiry while it is used,
    // and the browser forgets the cookie when it closes.
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API token in Authorization: Bearer, or null when the request carries none. */
export function bearerToken(request: FastifyRequest): string | null {
  const authorization = request.headers.authorization;
  return authorization?.toLowerCase().startsWith('bearer ') ? authorization.slice(7).trim() : null;
}

/**
 * Finds who is calling: an API token in Authorization: Bearer wins over a session cookie, since a
 * program that sends a token means it. An unknown or revoked credential is simply no credential.
 */
export async function authenticate(deps: HttpDependencies, request: FastifyRequest): Promise<void> {
  if (!request.url.startsWith('/api/')) return;
  const token = bearerToken(request);
  if (token !== null) {
    const actor = await authenticateApiToken(deps.ctx, token);
    if (actor) {
      request.actor = actor;
      request.authMethod = 'token';
    }
    return;
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (!sessionToken) return;
  const session = await authenticateSession(deps.ctx, { ttlMs: deps.config.sessionTtlMs }, sessionToken);
  if (session) {
    request.actor = session.actor;
    request.authMethod = 'session';
    request.csrfToken = session.csrfToken;
    request.mustEnrolSecondFactor = session.mustEnrolSecondFactor;
  }
}

/**
 * Asks again whether the credential a long request came with still holds (a stream stays open for
 * hours; its session may end or its token be revoked meanwhile). Answers who it names now, or null.
 */
export function credentialOf(deps: HttpDependencies, request: FastifyRequest): () => Promise<Actor | null> {
  const token = bearerToken(request);
  if (request.authMethod === 'token' && token !== null) {
    return () => authenticateApiToken(deps.ctx, token);
  }
  const sessionToken = request.cookies[SESSION_COOKIE] ?? '';
  return async () =>
    (await authenticateSession(deps.ctx, { ttlMs: deps.config.sessionTtlMs }, sessionToken))?.actor ?? null;
}

/**
 * A cookie rides along with any request the browser makes, even one a hostile page started; a
 * write made on the strength of a cookie must also show the session's CSRF token in a header.
 */
export async function requireCsrf(request: FastifyRequest, reply: FastifyReply) {
  if (SAFE_METHODS.has(request.method) || request.authMethod !== 'session') return;
  if (request.routeOptions.config.public) return;
  const presented = request.headers['x-csrf-token'];
  if (typeof presented === 'string' && request.csrfToken && sameSecret(presented, request.csrfToken)) return;
  return sendProblem(request, reply, 403, 'csrf_token_invalid');
}

/** Every API operation but signing in needs a signed-in caller; checked before the input is even read. */
export async function requireSignIn(request: FastifyRequest): Promise<void> {
  if (!request.actor && !request.routeOptions.config.public) {
    throw new AppError('unauthenticated', 'unauthenticated');
  }
}

/** Staff the desk requires an authenticator of, without one yet, may only enrol it (or sign out). */
export async function requireSecondFactorEnrolment(request: FastifyRequest): Promise<void> {
  if (request.mustEnrolSecondFactor && !request.routeOptions.config.whileEnrolling) {
    throw new AppError('forbidden', 'second_factor_enrolment_required');
  }
}

/** The caller, or a 401 when nobody signed in. */
export function signedIn(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'unauthenticated');
  return request.actor;
}
