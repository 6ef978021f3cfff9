-- Marsad store, schema 9 (PostgreSQL): a tsvector keeps positions up to 16383 and 256 positions per lexeme, so a phrase
-- far into a very long article (or after the 256th «في») was not found, where SQLite's FTS5 finds it. Such a document
-- is now cut into parts within those limits (src/store/postgres/search.ts): the first stays in article_search, which
-- counts the others; the rest go to article_search_parts. A search clause may match in any part of an article.
ALTER TABLE article_search ADD COLUMN parts integer NOT NULL DEFAULT 0;
CREATE INDEX article_search_long ON article_search (seq) WHERE parts > 0;
CREATE TABLE article_search_parts (
  seq bigint NOT NULL,
  part integer NOT NULL,
  document tsvector NOT NULL,
  PRIMARY KEY (seq, part)
);
CREATE INDEX article_search_parts_document ON article_search_parts USING gin (document);
-- Documents indexed before that reached a limit were cut there: their rows go, and `marsad serve` indexes those
-- articles again at start-up (backfillViews: articles without a search row), in parts.
DELETE FROM article_search s
  WHERE EXISTS (SELECT 1 FROM unnest(s.document) AS u WHERE cardinality(u.positions) >= 256 OR 16383 = ANY (u.positions));
