import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { LoginInput } from '../../contract/auth.js';
import { preparedStatement } from '../../db/database.js';
import { theRow } from '../../db/errors.js';
import { agents, apiTokens, contacts, sessions } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, agentActor, contactActor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { digest, newSecret } from '../shared/secrets.js';
import { verifyPassword } from './passwords.js';
import { keepingRefusals, proveSecondFactor } from './secondFactor.js';
import { STAFF_SECOND_FACTOR_KEY } from './securitySettings.js';
import {
  type ClientInfo,
  findActorByEmail,
  openSession,
  principalIds,
  principalOf,
  type SessionSettings,
  type SignedIn,
} from './sessions.js';
import { signInWithDirectory } from './staffDirectory.js';

const API_TOKEN_PREFIX = 'sdt_';
/** Refreshing a session's expiry on every request would write on every read; a few minutes' slack is enough. */
const SESSION_REFRESH_MS = 5 * 60_000;

/**
 * Who the e-mail and password name, or null. Staff of a desk with a directory sign in there (their
 * account is made on the first sign-in); contacts, and staff with a local account, by the password kept here.
 */
async function checkPassword(ctx: AppContext, credentials: LoginInput): Promise<Actor | null> {
  const found = await findActorByEmail(ctx.db, credentials.email);
  if (ctx.directory && (found ? found.directory === 'ldap' : true)) {
    return signInWithDirectory(ctx, credentials.email, credentials.password);
  }
  const passwordMatches = await verifyPassword(found?.passwordHash, credentials.password);
  return found && passwordMatches && found.active ? found.actor : null;
}

export async function login(
  ctx: AppContext,
  settings: SessionSettings,
  credentials: LoginInput,
  client: ClientInfo,
): Promise<SignedIn> {
  const actor = await checkPassword(ctx, credentials);
  if (!actor) throw new AppError('unauthenticated', 'invalid_credentials');
  const now = ctx.clock.now();
  return keepingRefusals(
    ctx,
    async (tx) =>
      (await proveSecondFactor(tx, principalOf(actor), credentials.code, now)) ??
      openSession(tx, settings, actor, now, client),
  );
}

export async function logout(ctx: AppContext, sessionToken: string): Promise<void> {
  await ctx.db.delete(sessions).where(eq(sessions.tokenHash, digest(sessionToken)));
}

/** What a credential check reads of the person behind it: what an actor is made of, and whether active. */
const principalColumns = {
  agent: {
    id: agents.id,
    role: agents.role,
    name: agents.name,
    email: agents.email,
    language: agents.language,
    active: agents.active,
  },
  contact: {
    id: contacts.id,
    organizationId: contacts.organizationId,
    name: contacts.name,
    email: contacts.email,
    language: contacts.language,
    active: contacts.active,
  },
};

/** The actor behind a credential, joined in the same query; null when the account is deactivated. */
function activePrincipal(
  agent: (Parameters<typeof agentActor>[0] & { active: boolean }) | null,
  contact: (Parameters<typeof contactActor>[0] & { active: boolean }) | null,
): Actor | null {
  if (agent) return agent.active ? agentActor(agent) : null;
  if (contact) return contact.active ? contactActor(contact) : null;
  return null;
}

/** Every request that carries a credential runs one of these two: they are prepared once. */
const sessionStatement = preparedStatement((db) =>
  db
    .select({
      session: { lastSeenAt: sessions.lastSeenAt, csrfToken: sessions.csrfToken },
      ...principalColumns,
      mustEnrol: sql<boolean>`(${sessions.agentId} is not null
        and ${agents.directory} is distinct from 'oidc'
        and exists (select 1 from desk_settings where key = ${STAFF_SECOND_FACTOR_KEY} and value = 'true'::jsonb)
        and not exists (select 1 from second_factors f
          where f.agent_id = ${sessions.agentId} and f.confirmed_at is not null))`,
    })
    .from(sessions)
    .leftJoin(agents, eq(agents.id, sessions.agentId))
    .leftJoin(contacts, eq(contacts.id, sessions.contactId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('authenticate_session'),
);

const apiTokenStatement = preparedStatement((db) =>
  db
    .select({ token: { id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt }, ...principalColumns })
    .from(apiTokens)
    .leftJoin(agents, eq(agents.id, apiTokens.agentId))
    .leftJoin(contacts, eq(contacts.id, apiTokens.contactId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    .prepare('authenticate_api_token'),
);

/** The signed-in person behind a session cookie, or null when it is unknown, expired or deactivated. */
export async function authenticateSession(
  ctx: AppContext,
  settings: SessionSettings,
  sessionToken: string,
): Promise<{ actor: Actor; csrfToken: string; mustEnrolSecondFactor: boolean } | null> {
  const now = ctx.clock.now();
  const tokenHash = digest(sessionToken);
  const [found] = await sessionStatement(ctx.db).execute({ tokenHash, now: now.toISOString() });
  if (!found) return null;
  const { session } = found;
  const actor = activePrincipal(found.agent, found.contact);
  if (!actor) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_REFRESH_MS) {
    await ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + settings.ttlMs) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  return { actor, csrfToken: session.csrfToken, mustEnrolSecondFactor: Boolean(found.mustEnrol) };
}

export async function authenticateApiToken(ctx: AppContext, token: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const [found] = await apiTokenStatement(ctx.db).execute({ tokenHash: digest(token) });
  if (!found) return null;
  const row = found.token;
  const actor = activePrincipal(found.agent, found.contact);
  if (!actor) return null;
  const now = ctx.clock.now();
  // A busy integration calls many times a second: note its use at most once a minute, not on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await ctx.db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return actor;
}

/** Issues an API token for an account; the token is shown once and only its digest is kept. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  request: { email: string; name: string },
): Promise<{ token: string; id: string; owner: Actor }> {
  const found = await findActorByEmail(ctx.db, request.email.toLowerCase());
  if (!found) throw new AppError('invalid', 'not_found', 'email');
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = theRow(
      await tx
        .insert(apiTokens)
        .values({
          tokenHash: digest(token),
          ...principalIds(found.actor),
          name: request.name,
          createdAt: now,
        })
        .returning({ id: apiTokens.id }),
    );
    await recordAudit(tx, actor, now, {
      entity: 'api_token',
      entityId: row.id,
      action: 'create',
      organizationId: found.actor.type === 'contact' ? found.actor.organizationId : null,
      before: null,
      after: { name: request.name, owner: found.actor.type === 'system' ? null : found.actor.email },
    });
    return { token, id: row.id, owner: found.actor };
  });
}

/** The tokens an account holds, newest first, without their secrets. */
export async function listApiTokens(ctx: AppContext, email: string) {
  const found = await findActorByEmail(ctx.db, email.toLowerCase());
  if (!found) throw new AppError('invalid', 'not_found', 'email');
  const ids = principalIds(found.actor);
  const owner = ids.agentId
    ? eq(apiTokens.agentId, ids.agentId)
    : eq(apiTokens.contactId, ids.contactId ?? '');
  const rows = await ctx.db.select().from(apiTokens).where(owner).orderBy(desc(apiTokens.createdAt));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  }));
}

/** Revokes a token for good; a revoked token authenticates nobody from the next request on. */
export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw new AppError('not_found', 'not_found', 'id');
    await recordAudit(tx, actor, now, {
      entity: 'api_token',
      entityId: row.id,
      action: 'update',
      organizationId: null,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString() },
    });
  });
}
