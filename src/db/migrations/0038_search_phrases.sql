-- A document's adjacent word pairs, for the pair indexes below (src/db/searchDocuments.ts says why).
-- Pairs are joined on positions rather than read in order, so that words sharing a position each pair.
CREATE FUNCTION search_phrases(document tsvector) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme), '{}')
  FROM (SELECT lexeme, position FROM unnest(document) AS word(lexeme, positions, weights), unnest(positions) AS position) AS first
  JOIN (SELECT lexeme, position FROM unnest(document) AS word(lexeme, positions, weights), unnest(positions) AS position) AS second
    ON second.position = first.position + 1
$$;--> statement-breakpoint
CREATE INDEX "ticket_messages_search_phrases_idx" ON "ticket_messages" USING gin (search_phrases("search_document"));--> statement-breakpoint
CREATE INDEX "tickets_search_phrases_idx" ON "tickets" USING gin (search_phrases("search_document"));