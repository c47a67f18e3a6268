import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tickets } from './schema.js';
import { frozen, NAMED_SHAPES_LIMIT, shapeName } from './statementShapes.js';

describe('statement shapes', () => {
  it('names a text the same way every time, and stops naming new texts past the limit', () => {
    const first = shapeName('select 1');
    expect(first).toMatch(/^shape_[0-9a-f]{40}$/);
    expect(shapeName('select 1')).toBe(first);
    const names = Array.from({ length: NAMED_SHAPES_LIMIT + 10 }, (_, index) =>
      shapeName(`select ${index + 2}`),
    );
    expect(names.filter(Boolean)).toHaveLength(NAMED_SHAPES_LIMIT - 1);
    expect(names.at(-1)).toBeUndefined();
    // A shape named before the limit was reached keeps its name.
    expect(shapeName('select 1')).toBe(first);
  });

  it('writes a fragment without values once, and refuses one that holds a value', () => {
    expect(frozen(sql`${tickets.queueDueAt}, ${tickets.id}`).queryChunks).toHaveLength(1);
    expect(() => frozen(sql`${tickets.id} = ${'a value'}`)).toThrow(/holds values/);
  });
});
