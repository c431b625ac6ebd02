DROP INDEX "entities_area_idx";--> statement-breakpoint
CREATE INDEX "entities_area_idx" ON "entities" USING btree ("area_id","id");