CREATE TABLE "targets" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text,
	"name_en" text NOT NULL,
	"description" text,
	"indicator_id" text,
	"area_id" text,
	"entity_id" text,
	"comparison" text,
	"target_value" double precision,
	"baseline_value" double precision,
	"baseline_period" text,
	"deadline" text,
	"assessment" text,
	"assessment_note" text,
	"source_id" text,
	"quote" text,
	"quote_gloss_en" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "definition_zh" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "definition_en" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "frequency" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "level" text DEFAULT 'centre' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "is_sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "period" text;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "provenance" text DEFAULT 'source' NOT NULL;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "derivation" jsonb;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "is_sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "observations" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "targets" ADD CONSTRAINT "targets_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "targets_centre_code_uq" ON "targets" USING btree ("centre_id","code");--> statement-breakpoint
CREATE INDEX "targets_indicator_idx" ON "targets" USING btree ("indicator_id");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Figures recorded before periods existed: their year is their period.
UPDATE "observations" SET "period" = "year"::text WHERE "year" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "observations_cell_uq" ON "observations" USING btree ("indicator_id",coalesce("area_id", ''),coalesce("entity_id", ''),"period","status") WHERE "observations"."period" is not null;--> statement-breakpoint
CREATE INDEX "observations_source_idx" ON "observations" USING btree ("source_id");