import type { AppContext } from '../../app/context.js';
import { RATING_SCORES } from '../../app/satisfaction/ratingLinks.js';
import { rateFromTelegram } from '../../app/satisfaction/surveys.js';
import type { ContactActor } from '../../app/shared/actor.js';
import { AppError } from '../../app/shared/errors.js';
import type { Language } from '../../domain/people.js';
import { translator } from '../../i18n/translator.js';

/**
 * What the bot answers a press of a rating button (`rate:<survey>:<score>`): the rating is taken once,
 * as in the mail and the portal, and a second press is told the request is rated already.
 */
export async function ratingAnswer(
  ctx: AppContext,
  actor: ContactActor,
  language: Language,
  surveyId: string,
  pressed: string,
): Promise<string> {
  const t = translator(language);
  const score = RATING_SCORES.find((candidate) => String(candidate) === pressed);
  if (score === undefined) return t('telegram.help');
  try {
    const rated = await rateFromTelegram(ctx, actor, surveyId, score);
    return t('telegram.rated', { number: rated.number, score });
  } catch (error) {
    if (error instanceof AppError && error.code === 'rating_already_given')
      return t('telegram.rating_refused');
    throw error;
  }
}
