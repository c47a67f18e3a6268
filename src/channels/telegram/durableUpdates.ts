import type { Bot } from 'grammy';
import type { Logger } from 'pino';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/shared/errors.js';
import { claimUpdate, failUpdate, finishUpdate } from '../../app/telegram/updates.js';

/**
 * Every update is stored before anything else, and before grammY moves the offset on: while the
 * database cannot take it, long polling waits (nothing later is acknowledged either); a webhook
 * answers an error, so Telegram sends it again. A handler that fails for a passing reason leaves the
 * update to the retry job; a use case's refusal (a file too large, say) is its outcome.
 */
export function handleEachUpdateOnce(
  bot: Bot,
  ctx: AppContext,
  logger: Pick<Logger, 'warn' | 'error'>,
  options: { webhook: boolean; stopping: () => boolean },
): void {
  bot.use(async (c, next) => {
    const updateId = c.update.update_id;
    const claim = await storeDurably(() => claimUpdate(ctx, c.update));
    if (claim !== 'handle') return;
    try {
      await next();
      await finishUpdate(ctx, updateId);
    } catch (error) {
      if (error instanceof AppError) {
        logger.warn({ update: updateId, code: error.code }, 'Telegram update refused');
        await finishUpdate(ctx, updateId, error.code);
        return;
      }
      logger.error({ err: error, update: updateId }, 'Telegram update failed; it is tried again later');
      await failUpdate(ctx, updateId, error).catch(() => {});
    }
  });

  const storeDurably = async <T>(store: () => Promise<T>): Promise<T> => {
    for (let pauseMs = 500; ; pauseMs = Math.min(pauseMs * 2, 30_000)) {
      try {
        return await store();
      } catch (error) {
        if (options.webhook || options.stopping()) throw error;
        logger.warn({ err: error }, 'cannot store a Telegram update; polling waits');
        await new Promise((resolve) => setTimeout(resolve, pauseMs));
      }
    }
  };
}
