/**
 * The web's one reading of the time: the reader's own clock, for what a screen starts from (today's
 * date in a form, the month shown, a countdown ticking between refreshes). Deadlines and what counts
 * for the policy always come from the server, which reads its injected clock.
 */
export const browserNow = (): Date => new Date();
