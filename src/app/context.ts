import type { Database } from '../db/database.js';
import type { Clock } from '../domain/calendar/clock.js';
import type { SlaDataCache } from './slaData.js';

/** What every use case is given: the database, the time, and the calendar and policies in force. */
export interface AppContext {
  db: Database;
  clock: Clock;
  sla: SlaDataCache;
}
