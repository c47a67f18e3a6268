import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Queryable } from '../../db/database.js';
import { agents, contacts, recoveryCodes, secondFactors } from '../../db/schema.js';
import {
  afterWrongCode,
  isTotpCode,
  normalizedRecoveryCode,
  RECOVERY_CODE_COUNT,
  recoveryCodeShown,
  stepIsFresh,
  TOTP_PERIOD_SECONDS,
  TOTP_TOLERANCE_SECONDS,
} from '../../domain/accounts/secondFactor.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { notify } from '../outbox/enqueue.js';
import type { Actor } from '../shared/actor.js';
import { requireAdmin } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';
import { digest } from '../shared/secrets.js';
import { verifyPassword } from './passwords.js';
import { staffSecondFactorRequired } from './securitySettings.js';

/** 32 letters and digits, none of which reads as another (no l, o, 0, 1): 50 random bits a code. */
const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

type Person = Extract<Actor, { type: 'agent' | 'contact' }>;
type Principal = { type: 'agent' | 'contact'; id: string };

function person(actor: Actor): Person {
  if (actor.type === 'system') throw forbidden();
  return actor;
}

const ownedBy = (principal: Principal) =>
  principal.type === 'agent'
    ? eq(secondFactors.agentId, principal.id)
    : eq(secondFactors.contactId, principal.id);

async function confirmedFactor(db: Queryable, principal: Principal, lock = false) {
  const query = db
    .select()
    .from(secondFactors)
    .where(and(ownedBy(principal), isNotNull(secondFactors.confirmedAt)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The step a code belongs to when it is right at `now`, or null. */
async function matchingStep(secret: string, code: string, now: Date): Promise<number | null> {
  const result = await verify({
    secret,
    token: code.replace(/\s/g, ''),
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    period: TOTP_PERIOD_SECONDS,
  });
  return result.valid && 'timeStep' in result ? Number(result.timeStep) : null;
}

async function issueRecoveryCodes(db: Queryable, secondFactorId: string): Promise<string[]> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.secondFactorId, secondFactorId));
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    [...randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte & 31]).join(''),
  );
  await db.insert(recoveryCodes).values(codes.map((code) => ({ secondFactorId, codeHash: digest(code) })));
  return codes.map(recoveryCodeShown);
}

/** A refusal a transaction answers with after keeping what it wrote (a wrong code's count). */
export class Refusal {
  constructor(readonly error: AppError) {}
}

/**
 * Runs `work` in one transaction, which may end in a `Refusal`: what it wrote is kept, and the refusal
 * is thrown once it is. A wrong second-factor code must be counted although the sign-in fails.
 */
export async function keepingRefusals<T>(
  ctx: AppContext,
  work: (tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0]) => Promise<T | Refusal>,
): Promise<T> {
  const result = await ctx.db.transaction(work);
  if (result instanceof Refusal) throw result.error;
  return result;
}

/**
 * The second step of signing in, in the caller's transaction: nothing to do for an account without an
 * authenticator; otherwise an authenticator code of the current step (once) or an unused recovery code.
 * Wrong codes are counted on the account, wherever they come from: after a few, each further code waits
 * longer; at the limit authenticator codes are locked, the owner is told, and only a recovery code (or
 * an administrator taking the authenticator away) lets them in. A right code clears the count.
 * Answers the refusal to give once the count is kept, or null when the account may go on.
 */
export async function proveSecondFactor(
  db: Queryable,
  principal: Principal,
  code: string | undefined,
  now: Date,
): Promise<Refusal | null> {
  const factor = await confirmedFactor(db, principal, true);
  if (!factor) return null;
  if (!code) return new Refusal(new AppError('unauthenticated', 'second_factor_required', 'code'));
  const recovery = !isTotpCode(code);
  if (!recovery && factor.codesLockedAt)
    return new Refusal(new AppError('forbidden', 'second_factor_locked', 'code'));
  if (!recovery && factor.codesBlockedUntil && factor.codesBlockedUntil > now) {
    const seconds = Math.ceil((factor.codesBlockedUntil.getTime() - now.getTime()) / 1000);
    return new Refusal(
      new AppError('rate_limited', 'second_factor_wait', 'code', { retryAfterSeconds: seconds }),
    );
  }
  const cleared = { failedCodes: 0, codesBlockedUntil: null, codesLockedAt: null };
  if (!recovery) {
    const step = await matchingStep(factor.secret, code, now);
    if (step !== null && stepIsFresh(step, factor.lastTimeStep)) {
      await db
        .update(secondFactors)
        .set({ lastTimeStep: step, ...cleared })
        .where(eq(secondFactors.id, factor.id));
      return null;
    }
  } else {
    const [used] = await db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.secondFactorId, factor.id),
          eq(recoveryCodes.codeHash, digest(normalizedRecoveryCode(code))),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (used) {
      await db.update(secondFactors).set(cleared).where(eq(secondFactors.id, factor.id));
      return null;
    }
  }
  return countWrongCode(db, principal, factor, now);
}

async function countWrongCode(
  db: Queryable,
  principal: Principal,
  factor: { id: string; failedCodes: number; codesLockedAt: Date | null },
  now: Date,
): Promise<Refusal> {
  const failedCodes = factor.failedCodes + 1;
  const { waitMs, locked } = afterWrongCode(failedCodes);
  const lockedNow = locked && !factor.codesLockedAt;
  await db
    .update(secondFactors)
    .set({
      failedCodes,
      codesBlockedUntil: waitMs > 0 ? new Date(now.getTime() + waitMs) : null,
      ...(lockedNow ? { codesLockedAt: now } : {}),
    })
    .where(eq(secondFactors.id, factor.id));
  if (lockedNow) {
    await notify(
      db,
      now,
      {
        recipient: principal,
        template: 'second_factor_locked',
        params: { failures: failedCodes },
        ticketId: null,
      },
      true,
    );
  }
  return new Refusal(new AppError('unauthenticated', 'second_factor_invalid', 'code'));
}

/** Whether an actor must add an authenticator before anything else: staff, when the desk requires it. */
export async function mustEnrol(db: Queryable, actor: Actor): Promise<boolean> {
  if (actor.type !== 'agent' || !(await staffSecondFactorRequired(db))) return false;
  const [agent] = await db
    .select({ directory: agents.directory })
    .from(agents)
    .where(eq(agents.id, actor.id));
  // The OpenID provider asks for its own second factor: the desk does not ask for another.
  if (agent?.directory === 'oidc') return false;
  return !(await confirmedFactor(db, actor));
}

/** Whether the person signs in with an authenticator, how many recovery codes are left, and whether they must. */
export async function secondFactorStatus(ctx: AppContext, actor: Actor) {
  const self = person(actor);
  const factor = await confirmedFactor(ctx.db, self);
  const codes = factor
    ? await ctx.db
        .select({ usedAt: recoveryCodes.usedAt })
        .from(recoveryCodes)
        .where(eq(recoveryCodes.secondFactorId, factor.id))
    : [];
  return {
    enabled: Boolean(factor),
    enabledAt: factor?.confirmedAt?.toISOString() ?? null,
    recoveryCodesLeft: codes.filter((code) => code.usedAt === null).length,
    required: self.type === 'agent' && (await staffSecondFactorRequired(ctx.db)),
  };
}

/**
 * Starts adding an authenticator: a new secret, as the QR code an app scans and as text to type. It
 * signs in nobody until confirmed with a code the app shows; an earlier authenticator works until then.
 */
export async function startSecondFactorEnrolment(ctx: AppContext, actor: Actor) {
  const self = person(actor);
  const secret = generateSecret();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(secondFactors).where(and(ownedBy(self), isNull(secondFactors.confirmedAt)));
    await tx.insert(secondFactors).values({
      agentId: self.type === 'agent' ? self.id : null,
      contactId: self.type === 'contact' ? self.id : null,
      secret,
      createdAt: now,
    });
  });
  const uri = generateURI({ issuer: 'Supportdesk', label: self.email, secret, period: TOTP_PERIOD_SECONDS });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

/** Confirms the new authenticator with a code it shows; answers the ten recovery codes, shown this once. */
export async function confirmSecondFactor(ctx: AppContext, actor: Actor, code: string) {
  const self = person(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(secondFactors)
      .where(and(ownedBy(self), isNull(secondFactors.confirmedAt)))
      .for('update');
    if (!pending) throw new AppError('conflict', 'second_factor_not_started');
    const step = isTotpCode(code) ? await matchingStep(pending.secret, code, now) : null;
    if (step === null) throw new AppError('invalid', 'second_factor_invalid', 'code');
    const replaced = await tx
      .delete(secondFactors)
      .where(and(ownedBy(self), isNotNull(secondFactors.confirmedAt)))
      .returning({ id: secondFactors.id });
    await tx
      .update(secondFactors)
      .set({ confirmedAt: now, lastTimeStep: step })
      .where(eq(secondFactors.id, pending.id));
    const codes = await issueRecoveryCodes(tx, pending.id);
    await recordAudit(tx, self, now, {
      entity: self.type,
      entityId: self.id,
      action: 'update',
      organizationId: self.type === 'contact' ? self.organizationId : null,
      before: { secondFactor: replaced.length > 0 ? 'on' : 'off' },
      after: { secondFactor: replaced.length > 0 ? 'replaced' : 'on' },
    });
    return { recoveryCodes: codes };
  });
}

/** New recovery codes for the ones used up or lost, proving the authenticator first; the old ones stop working. */
export async function renewRecoveryCodes(ctx: AppContext, actor: Actor, code: string) {
  const self = person(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const factor = await confirmedFactor(tx, self, true);
    if (!factor) throw new AppError('conflict', 'second_factor_off');
    await proveSecondFactor(tx, self, code, now).catch(() => {
      throw new AppError('invalid', 'second_factor_invalid', 'code');
    });
    return { recoveryCodes: await issueRecoveryCodes(tx, factor.id) };
  });
}

/** Turns two-factor sign-in off, proving the password; staff cannot while the desk requires it of them. */
export async function disableSecondFactor(ctx: AppContext, actor: Actor, password: string) {
  const self = person(actor);
  const table = self.type === 'agent' ? agents : contacts;
  const [row] = await ctx.db
    .select({ passwordHash: table.passwordHash })
    .from(table)
    .where(eq(table.id, self.id));
  if (!(await verifyPassword(row?.passwordHash, password))) {
    throw new AppError('invalid', 'current_password_wrong', 'password');
  }
  if (self.type === 'agent' && (await staffSecondFactorRequired(ctx.db))) {
    throw new AppError('conflict', 'second_factor_mandatory');
  }
  await removeFactors(ctx, self, self);
}

/** An administrator takes away an engineer's lost authenticator; they enrol a new one at the next sign-in. */
export async function resetAgentSecondFactor(ctx: AppContext, actor: Actor, agentId: string) {
  requireAdmin(actor);
  const [agent] = await ctx.db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId));
  if (!agent) throw notFound();
  await removeFactors(ctx, actor, { type: 'agent', id: agentId });
}

/**
 * An administrator lifts the lock wrong codes put on an account's authenticator (the owner called and
 * proved who they are); the authenticator stays, and its next code signs in.
 */
export async function unlockSecondFactor(ctx: AppContext, actor: Actor, principal: Principal) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const factor = await confirmedFactor(tx, principal, true);
    if (!factor) throw new AppError('not_found', 'second_factor_off');
    await tx
      .update(secondFactors)
      .set({ failedCodes: 0, codesBlockedUntil: null, codesLockedAt: null })
      .where(eq(secondFactors.id, factor.id));
    const [contact] =
      principal.type === 'contact'
        ? await tx
            .select({ organizationId: contacts.organizationId })
            .from(contacts)
            .where(eq(contacts.id, principal.id))
        : [];
    await recordAudit(tx, actor, now, {
      entity: principal.type,
      entityId: principal.id,
      action: 'update',
      organizationId: contact?.organizationId ?? null,
      before: { secondFactorLocked: factor.codesLockedAt !== null, failedCodes: factor.failedCodes },
      after: { secondFactorLocked: false, failedCodes: 0 },
    });
  });
}

async function removeFactors(ctx: AppContext, actor: Actor, principal: Principal) {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(secondFactors)
      .where(ownedBy(principal))
      .returning({ confirmedAt: secondFactors.confirmedAt });
    if (!removed.some((row) => row.confirmedAt)) return;
    await recordAudit(tx, actor, now, {
      entity: principal.type,
      entityId: principal.id,
      action: 'update',
      organizationId: actor.type === 'contact' ? actor.organizationId : null,
      before: { secondFactor: 'on' },
      after: { secondFactor: 'off' },
    });
  });
}
