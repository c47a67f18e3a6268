import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS, PresenceBoard, type PresenceNotice } from './presence.js';

const given = Date.parse('2026-11-24T09:00:00.000Z');

const viewing = (atMs: number): PresenceNotice => ({
  ticketId: '7ca15903-76ea-4f17-98ae-c972bbfac5b3',
  organizationId: '0b4b1f53-9f0e-4d3f-8f4e-2f5b2a1f4c11',
  agentId: '3af14913-2f65-43e5-b1d1-7e8550b7fdee',
  name: 'Ирина Соколова',
  state: 'viewing',
  at: new Date(atMs).toISOString(),
});

describe('who of support is on a request', () => {
  it('lets a sign fade a while after it was given, however late its copy arrives around the database', () => {
    const board = new PresenceBoard();
    expect(board.apply(viewing(given), given)?.people).toHaveLength(1);
    const later = given + PRESENCE_TTL_MS + 1_000;
    expect(board.apply(viewing(given), later)).toBeNull();
    expect(board.expire(later).map((change) => change.people)).toEqual([[]]);
  });

  it('keeps a sign that was repeated', () => {
    const board = new PresenceBoard();
    board.apply(viewing(given), given);
    board.apply(viewing(given + 20_000), given + 20_000);
    expect(board.expire(given + PRESENCE_TTL_MS + 1_000)).toEqual([]);
    expect(board.people(viewing(given).ticketId)).toHaveLength(1);
  });
});
