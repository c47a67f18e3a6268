import type { AppContext } from '../../src/app/context.js';
import { OUTBOX_HANDLERS } from '../../src/app/outbox/deliveries.js';
import { type DispatchOptions, dispatchOutbox } from '../../src/app/outbox/dispatch.js';
import { OUTBOX_CHANNELS } from '../../src/app/outbox/topics.js';

/**
 * What the outbox loops of one instance do, run to the end now: every channel, batch after batch,
 * until nothing due is left (an entry held back for the order of its ticket comes due in a later batch).
 */
export async function deliverOutbox(
  ctx: AppContext,
  options: DispatchOptions = {},
): Promise<{ delivered: number; failed: number }> {
  const total = { delivered: 0, failed: 0 };
  for (;;) {
    let progressed = false;
    for (const topics of Object.values(OUTBOX_CHANNELS)) {
      const result = await dispatchOutbox(ctx, OUTBOX_HANDLERS, topics, options);
      total.delivered += result.delivered;
      total.failed += result.failed;
      if (result.delivered > 0) progressed = true;
    }
    if (!progressed) return total;
  }
}
