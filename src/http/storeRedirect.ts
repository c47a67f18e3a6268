import type { FastifyReply } from 'fastify';

/**
 * Sends the client to a link the object store signed for this one download. The link is a
 * credential for a few minutes: never cached, and not passed on as a referrer.
 */
export function redirectToStore(reply: FastifyReply, link: string) {
  return reply
    .code(302)
    .header('location', link)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send();
}
