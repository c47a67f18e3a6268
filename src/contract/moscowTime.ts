/**
 * Moscow time and the policy version in force, as the server reckons them: the web shows and sends
 * times by the same rules rather than its own copy. Free of any library.
 */
export {
  moscowDate,
  moscowDateTimeLocal,
  moscowLocalToIso,
} from '../domain/calendar/moscowTime.js';
export { policyInForce } from '../domain/sla/policy.js';
