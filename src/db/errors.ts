/** The name of the unique constraint a failed insert or update ran into, if that is why it failed. */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    const candidate = current as Error & { code?: string; constraint?: string };
    if (candidate.code === '23505') return candidate.constraint ?? '';
  }
  return undefined;
}

/** The one row an insert or update with `returning()` must produce; its absence is a bug, not input. */
export function theRow<Row>(rows: readonly Row[]): Row {
  const [row] = rows;
  if (row === undefined) throw new Error('the statement returned no row');
  return row;
}
