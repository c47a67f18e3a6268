-- The same word pairs, computed by PL/pgSQL instead of SQL. An SQL function that cannot be inlined
-- (this one aggregates a join) is parsed and planned again on every statement that evaluates it, and
-- every new request and message evaluates it for its pair index; PL/pgSQL keeps its plan for the
-- session. Same result for every document, so the indexes built on it stay valid.
CREATE OR REPLACE FUNCTION search_phrases(document tsvector) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme), '{}')
    FROM (SELECT lexeme, position FROM unnest(document) AS word(lexeme, positions, weights), unnest(positions) AS position) AS first
    JOIN (SELECT lexeme, position FROM unnest(document) AS word(lexeme, positions, weights), unnest(positions) AS position) AS second
      ON second.position = first.position + 1
  );
END
$$;
