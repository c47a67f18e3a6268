/**
 * How the hits of a search make its pages. A request found several ways (its subject, a message, a
 * file name) counts by its best hit; requests rank by that, then the newest first, then by id, and a
 * page begins below where the last one ended.
 */

/** One way a request was found, and how well it matched. */
export interface SearchHit {
  ticketId: string;
  /** When the request was registered, as an ISO instant with microseconds: it sorts as text. */
  registeredAt: string;
  rank: number;
}

/** Where a page of a search ended: the next begins below it. */
export interface SearchPosition {
  rank: number;
  registeredAt: string;
  id: string;
}

/** Whether `a` comes after `b` in the order of a search's pages. */
function below(a: SearchPosition, b: SearchPosition): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.registeredAt !== b.registeredAt) return a.registeredAt < b.registeredAt;
  return a.id.toLowerCase() < b.id.toLowerCase();
}

/** The best `limit` requests among `hits` that come after `after`, best first. */
export function rankHits(
  hits: readonly SearchHit[],
  after: SearchPosition | null,
  limit: number,
): SearchPosition[] {
  const best = new Map<string, SearchPosition>();
  for (const hit of hits) {
    const known = best.get(hit.ticketId);
    if (!known || hit.rank > known.rank)
      best.set(hit.ticketId, { rank: hit.rank, registeredAt: hit.registeredAt, id: hit.ticketId });
  }
  return [...best.values()]
    .filter((position) => !after || below(position, after))
    .sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0))
    .slice(0, limit);
}
