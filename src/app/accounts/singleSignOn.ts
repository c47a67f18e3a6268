import { eq, lt } from 'drizzle-orm';
import { singleSignOnAttempts } from '../../db/schema.js';
import { roleFromGroups } from '../../domain/accounts/directoryRoles.js';
import type { AppContext } from '../context.js';
import { SingleSignOnFailed } from '../ports/singleSignOn.js';
import { agentActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { digest, sameSecret } from '../shared/secrets.js';
import { type ClientInfo, openSession, type SessionSettings, type SignedIn } from './sessions.js';
import { adoptDirectoryPerson } from './staffDirectory.js';

/** A person has this long between leaving for the provider and coming back. */
const ATTEMPT_VALIDITY_MS = 10 * 60_000;

function provider(ctx: AppContext) {
  if (!ctx.singleSignOn) throw new AppError('not_found', 'sso_not_configured');
  return ctx.singleSignOn;
}

/** Sends a staff member to the OpenID provider; the state comes back with them and names the attempt. */
export async function startSingleSignOn(ctx: AppContext): Promise<{ url: string; state: string }> {
  const start = await provider(ctx)
    .provider.start()
    .catch((error: unknown) => {
      throw error instanceof SingleSignOnFailed ? new AppError('invalid', 'sso_failed') : error;
    });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(singleSignOnAttempts).where(lt(singleSignOnAttempts.expiresAt, now));
    await tx.insert(singleSignOnAttempts).values({
      stateHash: digest(start.state),
      codeVerifier: start.codeVerifier,
      nonce: start.nonce,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ATTEMPT_VALIDITY_MS),
    });
  });
  return { url: start.url, state: start.state };
}

/**
 * The provider sent the person back: the answer is checked (state, PKCE, nonce, the ID token), the
 * attempt used up, the staff account made or brought up to date with the role the groups give, and a
 * session opened. Only the browser that started the attempt can finish it. The provider asked for its
 * own second factor, so the desk asks for none.
 */
export async function finishSingleSignOn(
  ctx: AppContext,
  settings: SessionSettings,
  callbackUrl: URL,
  browserState: string | undefined,
  client: ClientInfo,
): Promise<SignedIn> {
  const signOn = provider(ctx);
  const state = callbackUrl.searchParams.get('state') ?? '';
  if (!browserState || !sameSecret(state, browserState)) throw new AppError('invalid', 'sso_failed');
  const now = ctx.clock.now();
  const [attempt] = await ctx.db
    .delete(singleSignOnAttempts)
    .where(eq(singleSignOnAttempts.stateHash, digest(state)))
    .returning();
  if (!attempt || attempt.expiresAt <= now) throw new AppError('invalid', 'sso_failed');
  const person = await signOn.provider
    .finish(callbackUrl, { state, codeVerifier: attempt.codeVerifier, nonce: attempt.nonce })
    .catch((error: unknown) => {
      throw error instanceof SingleSignOnFailed ? new AppError('invalid', 'sso_failed') : error;
    });
  const role = roleFromGroups(person.groups, signOn.roleGroups);
  if (!role || !person.email) throw new AppError('forbidden', 'sso_no_role');
  const row = await adoptDirectoryPerson(ctx, 'oidc', { ...person, id: person.subject }, role);
  if (!row?.active) throw new AppError('forbidden', 'sso_account_refused');
  return ctx.db.transaction((tx) => openSession(tx, settings, agentActor(row), now, client));
}
