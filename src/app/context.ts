import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/calendar/clock.js';
import { AttachmentStore } from '../storage/attachmentStore.js';
import { SlaDataCache } from './slaData.js';

/** What every use case is given: the database, the time, the calendar and policies in force, file storage. */
export interface AppContext {
  db: Database;
  clock: Clock;
  sla: SlaDataCache;
  files: AttachmentStore;
}

export function createAppContext(
  db: Database,
  config: Pick<Config, 'dataDir' | 'attachmentMaxBytes' | 'calendar'>,
  clock: Clock,
  logger?: Pick<Logger, 'warn'>,
): AppContext {
  return {
    db,
    clock,
    sla: new SlaDataCache(config.calendar, logger),
    files: new AttachmentStore(config.dataDir, config.attachmentMaxBytes),
  };
}
