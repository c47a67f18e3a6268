/**
 * A request support registers for a contact who phoned is registered at the moment the agent states the
 * call came: never in the future, and not more than a day back (an agent writing up yesterday's call
 * may; a week-old call would move a deadline that has long passed).
 */
export const PHONE_CALL_MAX_AGE_MS = 24 * 3_600_000;

export type PhoneCallRefusal = 'phone_call_in_future' | 'phone_call_too_old';

export function phoneCallRefusal(calledAt: Date, now: Date): PhoneCallRefusal | null {
  if (calledAt.getTime() > now.getTime()) return 'phone_call_in_future';
  if (now.getTime() - calledAt.getTime() > PHONE_CALL_MAX_AGE_MS) return 'phone_call_too_old';
  return null;
}
