import type { Database } from '../db/database.js';
import type { Clock } from '../domain/calendar/clock.js';

/** What every use case is given: the database and the time. */
export interface AppContext {
  db: Database;
  clock: Clock;
}
