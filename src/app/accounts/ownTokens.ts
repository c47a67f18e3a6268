import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { forbidden, notFound } from '../shared/errors.js';
import { createApiToken, listApiTokens, revokeApiToken } from './auth.js';

/**
 * Each person's own API tokens, for their integrations: made with a name (the secret shown once),
 * listed with when each was last used, revoked for good. Another person's token answers "not found".
 */
function signedInPerson(actor: Actor) {
  if (actor.type === 'system') throw forbidden();
  return actor;
}

export async function listOwnTokens(ctx: AppContext, actor: Actor) {
  const rows = await listApiTokens(ctx, signedInPerson(actor).email);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}

export async function createOwnToken(ctx: AppContext, actor: Actor, name: string) {
  const person = signedInPerson(actor);
  const { token, id } = await createApiToken(ctx, person, { email: person.email, name });
  return { id, name, token };
}

export async function revokeOwnToken(ctx: AppContext, actor: Actor, tokenId: string) {
  const own = await listApiTokens(ctx, signedInPerson(actor).email);
  if (!own.some((row) => row.id === tokenId && row.revokedAt === null)) throw notFound();
  await revokeApiToken(ctx, actor, tokenId);
}
