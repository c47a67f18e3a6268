import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The one-click rating links of a survey's mail: `/rate#survey=<id>&score=<n>&sig=<hex>`, the
 * signature HMAC-SHA256 with the survey's own key over `<id>:<score>`. The secret rides in the fragment,
 * which browsers never send to a server or a log; the page posts it to `rateByLink`.
 */
export const RATING_SCORES = [1, 2, 3, 4, 5] as const;

const signatureOf = (key: string, surveyId: string, score: number) =>
  createHmac('sha256', key).update(`${surveyId}:${score}`).digest('hex');

export function ratingLinks(webUrl: string, survey: { id: string; linkKey: string }) {
  return RATING_SCORES.map((score) => ({
    score,
    url: `${webUrl}/rate#survey=${survey.id}&score=${score}&sig=${signatureOf(survey.linkKey, survey.id, score)}`,
  }));
}

/** Whether a link's signature is the one its survey's mail carried for that score. */
export function genuineLink(key: string, surveyId: string, score: number, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(
    Buffer.from(signatureOf(key, surveyId, score), 'hex'),
    Buffer.from(signature, 'hex'),
  );
}
