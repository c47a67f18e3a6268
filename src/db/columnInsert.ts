import { getTableColumns, type SQL, type SQLChunk, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from './database.js';

/**
 * Rows written as one array a column (`insert ... select * from unnest(...)`): a statement of a dozen
 * parameters however many rows, where a VALUES list binds one a cell, which is dear to build and to
 * parse at thousands of rows (an import's pages). Every row names the same columns.
 */
export async function insertByColumns<Table extends PgTable>(
  db: Queryable,
  table: Table,
  rows: Table['$inferInsert'][],
  /** What follows the statement: an ON CONFLICT clause. */
  then: SQL = sql``,
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((key) => key in columns);
  const names: SQLChunk[] = [];
  const arrays: SQL[] = [];
  for (const key of keys) {
    const column = columns[key];
    if (!column) continue;
    // Written as text and cast by the server: both drivers write a text array, not one of the desk's enums.
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : String(column.mapToDriverValue(value));
    });
    names.push(sql.identifier(column.name));
    arrays.push(sql`${sql.param(values)}::text[]::${sql.raw(column.getSQLType())}[]`);
  }
  await db.execute(
    sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)}) ${then}`,
  );
}
