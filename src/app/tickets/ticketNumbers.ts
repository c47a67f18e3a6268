import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../../db/database.js';
import { violatedUniqueConstraint } from '../../db/errors.js';

/** The years whose sequence each database is known to have (a process may talk to several). */
const knownSequences = new WeakMap<Queryable, Set<number>>();

/** Makes sure the numbering sequence of a Moscow year exists in this database. */
export async function ensureSequence(db: Queryable, year: number): Promise<string> {
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
  return sequence;
}

/**
 * Numbers run per Moscow year from a sequence of that year: no lock between concurrent requests,
 * and a number lost to a rolled-back request is simply skipped. The expression draws the number in
 * the statement that stores the ticket, saving a round trip on the busiest path of the desk.
 */
export async function ticketNumberSql(db: Queryable, year: number): Promise<SQL<string>> {
  return drawTicketNumber(year, await ensureSequence(db, year));
}

/**
 * The expression drawing the next number of a year from its sequence (see ensureSequence); the year
 * and the sequence may be placeholders of a prepared statement.
 */
export function drawTicketNumber(year: number | SQLWrapper, sequence: string | SQLWrapper): SQL<string> {
  return sql<string>`(select ${writtenNumber(year)} from nextval(${sequence}::regclass) as n)`;
}

/** A request's number as the desk writes it, of its year and the draw `n` of that year's sequence. */
const writtenNumber = (year: number | SQLWrapper) =>
  sql`'SD-' || ${year}::text || '-' || lpad(n::text, greatest(5, length(n::text)), '0')`;

/** Numbers for many requests of a year at once, drawn in one statement (an import's page of them). */
export async function drawTicketNumbers(db: Queryable, year: number, count: number): Promise<string[]> {
  const sequence = await ensureSequence(db, year);
  const drawn = await rowsOf<{ number: string }>(
    db,
    sql`select ${writtenNumber(year)} as number
        from (select nextval(${sequence}::regclass) as n from generate_series(1, ${count})) as drawn`,
  );
  return drawn.map((row) => row.number);
}
