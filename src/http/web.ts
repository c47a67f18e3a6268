import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the web app (the same path from src/ in tests and from dist/ in production). */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/**
 * Mantine sets CSS variables in a style element at run time, hence inline styles; scripts come from
 * the desk only, and no page of the desk may be framed.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

export interface WebApp {
  /** Whether a request should get the app's page: a browser navigating to a path of the app. */
  wantsPage(request: FastifyRequest): boolean;
  sendPage(reply: FastifyReply): FastifyReply;
}

/**
 * Serves the single-page app built into `root`: its hashed assets cached for good, and its page for
 * every path of the app, so a link to /requests/… opens where it points. Without a build (a checkout
 * that has not run `npm run build`) the desk still serves its API.
 */
export async function registerWeb(app: FastifyInstance, root = WEB_ROOT): Promise<WebApp | null> {
  if (!existsSync(`${root}index.html`)) {
    app.log.warn({ root }, 'the web app is not built (npm run build): serving the API only');
    return null;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    // The build writes each asset also as .br and .gz: sent as they are to browsers that take them.
    preCompressed: true,
    setHeaders(response, path) {
      response.header('x-content-type-options', 'nosniff');
      response.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  return {
    wantsPage: (request) =>
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html'),
    sendPage: (reply) => reply.headers(PAGE_HEADERS).sendFile('index.html'),
  };
}
