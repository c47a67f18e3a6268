import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/**
 * The text-search documents of requests and messages, in one place: the GIN indexes are built on
 * these expressions and the search asks them, and PostgreSQL uses an index only for the very same
 * expression. The `russian` configuration stems Cyrillic words with the Russian stemmer and Latin
 * words with the English one (and drops both languages' stop words), so one document serves a
 * desk whose customers write in either.
 */
export const SEARCH_CONFIGURATION = sql.raw(`'russian'::regconfig`);

/** A request: its subject weighs most (A), its description next (B). */
export function ticketDocument(subject: SQLWrapper, description: SQLWrapper): SQL {
  return sql`(setweight(to_tsvector(${SEARCH_CONFIGURATION}, ${subject}), 'A') || setweight(to_tsvector(${SEARCH_CONFIGURATION}, ${description}), 'B'))`;
}

/** A documentation page: its title weighs most, its text (none for a link) next. */
export function articleDocument(title: SQLWrapper, body: SQLWrapper): SQL {
  return ticketDocument(title, sql`coalesce(${body}, '')`);
}

/**
 * Any of the words typed, for suggestions while a subject is still being written: a page that shares
 * some of its words is worth showing, ranked by how many and where.
 */
export function anyWordQuery(text: string): SQL {
  return sql`nullif(replace(plainto_tsquery(${SEARCH_CONFIGURATION}, ${text})::text, '&', '|'), '')::tsquery`;
}

/** A message of a request. */
export function messageDocument(body: SQLWrapper): SQL {
  return sql`to_tsvector(${SEARCH_CONFIGURATION}, ${body})`;
}

/**
 * A document's adjacent word pairs ("доступ отвеча"), the keys of the pair indexes: a phrase is found
 * through its pairs (domain/tickets/searchPhrases.ts) instead of the postings of its common words. The
 * function is created by migration 0038 (in PL/pgSQL since 0042, which says why); an index is used only
 * for this very expression.
 */
export function searchPhrases(document: SQLWrapper): SQL {
  return sql`search_phrases(${document})`;
}

/** What a person typed, read as a web search: "a phrase", -word, OR. */
export function webSearchQuery(text: string): SQL {
  return sql`websearch_to_tsquery(${SEARCH_CONFIGURATION}, ${text})`;
}
