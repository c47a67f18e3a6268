import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertByColumns } from '../src/db/columnInsert.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { importMappings } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';

describe.each(databaseBackends)('writing rows as one array a column on $name', (backend) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await backend.open();
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
  });

  const row = (externalId: string, fingerprint: string, at: string) => ({
    source: 'test',
    kind: 'ticket',
    externalId,
    localId: `00000000-0000-4000-8000-00000000000${externalId}`,
    fingerprint,
    importedAt: new Date(at),
  });

  const read = async () =>
    (await database.db.select().from(importMappings).where(eq(importMappings.source, 'test')))
      .map((found) => [found.externalId, found.fingerprint, found.importedAt.toISOString()])
      .sort();

  it('writes every row exactly, quotes, braces, backslashes and instants included', async () => {
    await insertByColumns(database.db, importMappings, [
      row('1', 'plain', '2026-01-01T00:00:00Z'),
      row('2', `a'b,"c{d}\\e`, '2025-12-31T21:00:00.123Z'),
    ]);
    expect(await read()).toEqual([
      ['1', 'plain', '2026-01-01T00:00:00.000Z'],
      ['2', `a'b,"c{d}\\e`, '2025-12-31T21:00:00.123Z'],
    ]);
  });

  it('refuses a duplicate, and runs the clause it is given after the rows', async () => {
    await expect(
      insertByColumns(database.db, importMappings, [row('2', 'again', '2026-02-01T00:00:00Z')]),
    ).rejects.toThrow();
    await insertByColumns(
      database.db,
      importMappings,
      [row('2', 'again', '2026-02-01T00:00:00Z')],
      sql`on conflict (source, kind, external_id) do update set fingerprint = excluded.fingerprint`,
    );
    expect((await read())[1]).toEqual(['2', 'again', '2025-12-31T21:00:00.123Z']);
  });
});
