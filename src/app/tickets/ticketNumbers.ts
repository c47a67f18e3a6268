import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';
import { ticketNumber } from '../../domain/tickets/lifecycle.js';

/** The years whose sequence each database is known to have (a process may talk to several). */
const knownSequences = new WeakMap<Queryable, Set<number>>();

/**
 * Numbers run per Moscow year from a sequence of that year: no lock between concurrent requests,
 * and a number lost to a rolled-back request is simply skipped.
 */
export async function nextNumber(db: Queryable, year: number): Promise<string> {
  const sequence = `ticket_number_${year}`;
  const known = knownSequences.get(db) ?? new Set<number>();
  knownSequences.set(db, known);
  if (!known.has(year)) {
    try {
      await db.execute(sql.raw(`create sequence if not exists ${sequence}`));
    } catch (error) {
      // Two instances creating the same year's sequence at once: the loser finds it there.
      const raced =
        violatedUniqueConstraint(error) !== undefined ||
        String((error as Error).cause ?? error).includes('already exists');
      if (!raced) throw error;
    }
    known.add(year);
  }
  const [row] = await rowsOf<{ value: string }>(db, sql.raw(`select nextval('${sequence}')::text as value`));
  return ticketNumber(year, Number(row?.value));
}
