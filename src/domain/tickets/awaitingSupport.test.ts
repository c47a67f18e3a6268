import { describe, expect, it } from 'vitest';
import { awaitingSupportAfter } from './awaitingSupport.js';

const first = new Date('2026-03-02T07:00:00Z');
const later = new Date('2026-03-02T09:30:00Z');

describe('awaiting support', () => {
  it('starts with the first unanswered customer message and keeps that moment', () => {
    const since = awaitingSupportAfter(null, { author: 'contact', visibility: 'public', at: first });
    expect(since).toEqual(first);
    expect(awaitingSupportAfter(since, { author: 'contact', visibility: 'public', at: later })).toEqual(
      first,
    );
  });

  it('ends with a public reply by support', () => {
    expect(awaitingSupportAfter(first, { author: 'agent', visibility: 'public', at: later })).toBeNull();
  });

  it('is not ended by an internal note or by a message the desk writes itself', () => {
    expect(awaitingSupportAfter(first, { author: 'agent', visibility: 'internal', at: later })).toEqual(
      first,
    );
    expect(awaitingSupportAfter(first, { author: 'system', visibility: 'public', at: later })).toEqual(first);
    expect(awaitingSupportAfter(null, { author: 'system', visibility: 'public', at: later })).toBeNull();
  });
});
