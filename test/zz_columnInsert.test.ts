import { expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { insertByColumns } from '../src/db/columnInsert.js';
import { importMappings, ticketMessages } from '../src/db/schema.js';
import { databaseBackends } from '../test/support/databases.js';
it.each(databaseBackends)('bulk on $name', async (backend) => {
  const database = await backend.open(); await database.migrate();
  await insertByColumns(database.db, importMappings, [
    { source: 'x', kind: 'k', externalId: '1', localId: '00000000-0000-4000-8000-000000000001', fingerprint: 'f', importedAt: new Date('2026-01-01T00:00:00Z') },
    { source: 'x', kind: 'k', externalId: '2', localId: '00000000-0000-4000-8000-000000000002', fingerprint: "a'b,\"c{}", importedAt: new Date('2026-01-02T00:00:00Z') },
  ]);
  const rows = await database.db.select().from(importMappings).where(eq(importMappings.source, 'x'));
  expect(rows.map((r) => [r.externalId, r.fingerprint, r.importedAt.toISOString()])).toEqual([['1','f','2026-01-01T00:00:00.000Z'],['2',"a'b,\"c{}",'2026-01-02T00:00:00.000Z']]);
  await database.close();
});
