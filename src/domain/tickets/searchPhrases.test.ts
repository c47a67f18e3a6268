import { describe, expect, it } from 'vitest';
import { requiredWordPairs } from './searchPhrases.js';

describe('the word pairs a search needs', () => {
  it('takes the adjacent words of a phrase, and of every phrase a conjunction holds', () => {
    expect(requiredWordPairs("'доступ' <-> 'отвеча'")).toEqual(['доступ отвеча']);
    expect(requiredWordPairs("'err' <-> '-2702' & 'сервер'")).toEqual(['err -2702']);
    expect(requiredWordPairs("'a' <-> 'b' <-> 'c' & 'x' <-> 'y'")).toEqual(['a b', 'b c', 'x y']);
  });

  it('pairs the end of a phrase with the start of the next, in whatever grouping', () => {
    expect(requiredWordPairs("'a' <-> ( 'b' <-> 'c' )")).toEqual(['a b', 'b c']);
    expect(requiredWordPairs("'a' <-> 'b' <-> ( 'c' <-> 'd' )")).toEqual(['a b', 'b c', 'c d']);
  });

  it('needs no pair across a left-out word, a prefix, an alternative or a negation', () => {
    expect(requiredWordPairs("'доступ' <2> 'отвеча'")).toEqual([]);
    expect(requiredWordPairs("'a' <-> 'b':*")).toEqual([]);
    expect(requiredWordPairs("'a' <-> ( 'b' | 'c' )")).toEqual([]);
    expect(requiredWordPairs("'a' <-> !'b'")).toEqual([]);
    expect(requiredWordPairs("!( 'a' <-> 'b' ) & 'c'")).toEqual([]);
    expect(requiredWordPairs("'a':AB <-> 'b'")).toEqual(['a b']);
  });

  it('needs of alternatives only the pairs both sides need', () => {
    expect(requiredWordPairs("'a' <-> 'b' | 'c'")).toEqual([]);
    expect(requiredWordPairs("'a' <-> 'b' & 'c' | 'a' <-> 'b' & 'd'")).toEqual(['a b']);
  });

  it('reads quotes and backslashes inside words as PostgreSQL writes them', () => {
    expect(requiredWordPairs("'don''t' <-> 'c:\\\\path'")).toEqual(["don't c:\\path"]);
  });

  it('needs nothing of plain words, of nothing, or of a form it cannot read', () => {
    expect(requiredWordPairs("'сервер' & 'диск'")).toEqual([]);
    expect(requiredWordPairs('')).toEqual([]);
    expect(requiredWordPairs("'a' <-> ")).toEqual([]);
    expect(requiredWordPairs("'unterminated")).toEqual([]);
  });
});
