import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Queryable } from './database.js';

/**
 * How many shapes of query are named. A named statement stays prepared on each pooled connection for
 * as long as the connection lives, with its plans; past this many, a new shape runs unnamed, as before.
 */
export const NAMED_SHAPES_LIMIT = 256;

const names = new Map<string, string>();
const dialect = new PgDialect();

/** The statement name of a query's text, the same in every process; undefined once the shapes are all named. */
export function shapeName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < NAMED_SHAPES_LIMIT) {
    name = `shape_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Raw SQL run as a prepared statement named after its text: each connection parses a shape once, and
 * PostgreSQL stops planning it once its generic plan costs no more than the plans made for the values
 * (what a queue page spent most of its server time on). A query is worth naming when it runs on every
 * page and its text varies only with the filter's shape, never with a value: values are parameters.
 * Behind a transaction pooler the name is dropped (pgConnections.ts); PGlite plans each statement anyway.
 */
export async function rowsOfShape<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const built = dialect.sqlToQuery(query);
  const result = await db._.session.prepareQuery(built, undefined, shapeName(built.sql), false).execute();
  return (result as { rows: Row[] }).rows;
}

/**
 * A fragment that holds no values, written out once: text that every statement of its shape repeats
 * (columns, keys, orders) is then one chunk to write on each page rather than a tree of columns and
 * names for the query builder to walk again, which was a tenth of a queue page's CPU.
 */
export function frozen(fragment: SQL): SQL {
  const { sql: text, params } = dialect.sqlToQuery(fragment);
  if (params.length > 0) throw new Error(`a frozen fragment holds values: ${text}`);
  return sql.raw(text);
}
