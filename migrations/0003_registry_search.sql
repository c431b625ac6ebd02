-- Full-text search over the pre-segmented search text (db/search-text.ts): the
-- 'simple' configuration keeps jieba's segments and pinyin keys as they are.
ALTER TABLE entities ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
--> statement-breakpoint
CREATE INDEX entities_search_tsv_idx ON entities USING gin (search_tsv);
