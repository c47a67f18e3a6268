import { eq } from 'drizzle-orm';
import type { DeadlineInput, PolicyInput } from '../../contract/sla.js';
import { contacts, policyVersions } from '../../db/schema.js';
import { CalendarRangeError } from '../../domain/calendar/intervalClock.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { explainResponseDeadline, responseDeadline } from '../../domain/sla/deadline.js';
import { checkNewPolicy, type PolicyVersion, policyInForce } from '../../domain/sla/policy.js';
import { policyChanges } from '../../domain/sla/policyDiff.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { notify } from '../outbox/enqueue.js';
import { type Actor, actorLabel, requireAdmin } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';
import { bumpSlaRevision, type SlaData } from './slaData.js';

/** A calendar that does not reach an instant is the caller's problem to fix, named by year. */
export function calendarGap(error: unknown, field: string): unknown {
  if (error instanceof CalendarRangeError) {
    return new AppError('invalid', 'calendar_year_missing', field, { year: error.year });
  }
  return error;
}

/** The response deadline for a level and severity registered at an instant, under the policy then in force. */
export function deadlineFrom(data: Pick<SlaData, 'calendar' | 'policies'>, input: DeadlineInput, now: Date) {
  const registeredAt = input.at ? new Date(input.at) : now;
  const policy = policyInForce(data.policies, registeredAt);
  try {
    if (input.explain) {
      const explanation = explainResponseDeadline(
        data.calendar,
        policy,
        input.level,
        input.severity,
        registeredAt,
      );
      return { dueAt: explanation.dueAt, registeredAt, policy, explanation };
    }
    const dueAt = responseDeadline(data.calendar, policy, input.level, input.severity, registeredAt);
    return { dueAt, registeredAt, policy, explanation: null };
  } catch (error) {
    throw calendarGap(error, 'at');
  }
}

export async function computeDeadline(ctx: AppContext, _actor: Actor, input: DeadlineInput) {
  return deadlineFrom(await ctx.sla.load(ctx.db), input, ctx.clock.now());
}

export async function listPolicyVersions(ctx: AppContext, _actor: Actor): Promise<PolicyVersion[]> {
  return (await ctx.sla.load(ctx.db)).policies;
}

/** The published versions oldest first, each with what it changed from the one before (§6.2). */
export async function policyHistory(ctx: AppContext, _actor: Actor) {
  const policies = [...(await ctx.sla.load(ctx.db)).policies].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : 1,
  );
  return policies.map((policy, index) => {
    const previous = policies[index - 1];
    return {
      id: policy.id,
      name: policy.name,
      effectiveFrom: policy.effectiveFrom,
      changes: previous ? policyChanges(previous, policy) : [],
    };
  });
}

/**
 * Adds a policy version taking effect on a later date; requests registered before it keep theirs.
 * Every active contact is told, in their language, through the outbox (§6.2).
 */
export async function createPolicyVersion(ctx: AppContext, actor: Actor, input: PolicyInput) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  const candidate: PolicyVersion = { ...input, id: input.effectiveFrom };
  const result = await ctx.db.transaction(async (tx) => {
    const { policies } = await ctx.sla.load(tx);
    const [problem] = checkNewPolicy(candidate, policies, moscowDate(now));
    if (problem) {
      const latest = policies.reduce(
        (max, version) => (version.effectiveFrom > max ? version.effectiveFrom : max),
        '',
      );
      throw new AppError('invalid', problem.code, problem.field, { latest });
    }
    await guardUnique(
      () =>
        tx
          .insert(policyVersions)
          .values({ id: candidate.id, document: candidate, createdBy: actorLabel(actor), createdAt: now }),
      {
        policy_versions_pkey: {
          code: 'effective_date_not_later',
          field: 'effectiveFrom',
          value: candidate.id,
        },
      },
    );
    await bumpSlaRevision(tx);
    const customers = await tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.active, true));
    for (const contact of customers) {
      await notify(tx, now, {
        recipient: { type: 'contact', id: contact.id },
        template: 'policy_published',
        params: { name: candidate.name, effectiveFrom: candidate.effectiveFrom },
        ticketId: null,
      });
    }
    await recordAudit(tx, actor, now, {
      entity: 'policy',
      entityId: candidate.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: { ...candidate },
    });
    return candidate;
  });
  ctx.sla.invalidate();
  return result;
}
