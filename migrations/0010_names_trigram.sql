DROP INDEX "entities_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "name_text" text GENERATED ALWAYS AS (lower(coalesce(name_zh, '') || ' ' || name_en)) STORED;--> statement-breakpoint
CREATE INDEX "entities_name_trgm_idx" ON "entities" USING gin ("name_text" gin_trgm_ops);