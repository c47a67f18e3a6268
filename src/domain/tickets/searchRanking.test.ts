import { describe, expect, it } from 'vitest';
import { rankHits, type SearchHit } from './searchRanking.js';

const hit = (ticketId: string, rank: number, registeredAt = '2026-11-02T09:00:00.000000Z'): SearchHit => ({
  ticketId,
  rank,
  registeredAt,
});

describe('ranking the hits of a search', () => {
  it('counts a request found several ways by its best hit, once', () => {
    const ranked = rankHits([hit('a', 0.1), hit('b', 0.3), hit('a', 0.5), hit('a', 0.2)], null, 10);
    expect(ranked.map((position) => [position.id, position.rank])).toEqual([
      ['a', 0.5],
      ['b', 0.3],
    ]);
  });

  it('breaks ties by the newest request, then by id', () => {
    const ranked = rankHits(
      [
        hit('0b', 0.5, '2026-11-01T09:00:00.000000Z'),
        hit('0a', 0.5, '2026-11-02T09:00:00.000000Z'),
        hit('0c', 0.5, '2026-11-02T09:00:00.000000Z'),
      ],
      null,
      10,
    );
    expect(ranked.map((position) => position.id)).toEqual(['0c', '0a', '0b']);
  });

  it('begins a page below where the last one ended, and stops at its size', () => {
    const hits = [hit('a', 0.9), hit('b', 0.8), hit('c', 0.8), hit('d', 0.1)];
    const first = rankHits(hits, null, 2);
    expect(first.map((position) => position.id)).toEqual(['a', 'c']);
    const next = rankHits(hits, first.at(-1) ?? null, 2);
    expect(next.map((position) => position.id)).toEqual(['b', 'd']);
    expect(rankHits(hits, next.at(-1) ?? null, 2)).toEqual([]);
  });
});
