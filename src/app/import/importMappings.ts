import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { insertByColumns } from '../../db/columnInsert.js';
import type { Queryable } from '../../db/database.js';
import { importMappings } from '../../db/schema.js';

/**
 * What an import took from another desk, by the id it had there: a second run finds it, adds what is new
 * and rewrites what changed (its fingerprint differs), never a duplicate.
 */
export type MappingKind =
  | 'entity'
  | 'contact'
  | 'agent'
  | 'ticket'
  | 'followup'
  | 'task'
  | 'solution'
  /** The message that carries the files of a GLPI ticket itself, by the ticket's id. */
  | 'opening'
  | 'document';

export interface Mapping {
  localId: string;
  fingerprint: string;
}

/** A record's content summed up: a file's bytes count by their own digest. */
export function fingerprintOf(value: unknown): string {
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key, written) {
    const original = this[key];
    return Buffer.isBuffer(original) ? createHash('sha1').update(original).digest('hex') : written;
  });
  return createHash('sha1').update(json).digest('hex');
}

export async function mappingOf(db: Queryable, source: string, kind: MappingKind, externalId: string) {
  return (await mappingsOf(db, source, kind, [externalId])).get(externalId);
}

/** The mappings of many records of a kind at once, by their ids in the other desk. */
export async function mappingsOf(
  db: Queryable,
  source: string,
  kind: MappingKind,
  externalIds: string[],
): Promise<Map<string, Mapping>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.source, source),
        eq(importMappings.kind, kind),
        inArray(importMappings.externalId, externalIds),
      ),
    );
  return new Map(rows.map((row) => [row.externalId, { localId: row.localId, fingerprint: row.fingerprint }]));
}

export interface Remembered extends Mapping {
  kind: MappingKind;
  externalId: string;
}

/** Records what was taken, in one statement however many. */
export async function remember(db: Queryable, source: string, taken: Remembered[], at: Date) {
  if (taken.length === 0) return;
  await insertByColumns(
    db,
    importMappings,
    taken.map((entry) => ({ source, importedAt: at, ...entry })),
    sql`on conflict (source, kind, external_id) do update set local_id = excluded.local_id,
        fingerprint = excluded.fingerprint, imported_at = excluded.imported_at`,
  );
}
