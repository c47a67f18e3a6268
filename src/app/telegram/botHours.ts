import { policyInForce } from '../../domain/sla/policy.js';
import { isChannelOpen } from '../../domain/sla/progress.js';
import type { AppContext } from '../context.js';

/** Whether the bot takes requests at an instant: the channel hours of the policy in force (§3.6). */
export async function botOpen(ctx: AppContext, at: Date): Promise<boolean> {
  const data = await ctx.sla.load(ctx.db);
  return isChannelOpen(data.calendar, policyInForce(data.policies, at), 'telegram', at.getTime());
}
