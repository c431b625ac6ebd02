CREATE TABLE "seed_fingerprints" (
	"table_name" text NOT NULL,
	"row_key" text NOT NULL,
	"centre_id" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "seed_fingerprints_table_name_row_key_pk" PRIMARY KEY("table_name","row_key")
);
--> statement-breakpoint
CREATE TABLE "corrections" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" text NOT NULL,
	"proposed_by" text NOT NULL,
	"patch" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reviewer_id" text,
	"review_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "entity_facts" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" text NOT NULL,
	"metric" text NOT NULL,
	"year" integer NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"source_id" text,
	"source_note" text
);
--> statement-breakpoint
CREATE TABLE "entity_merges" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"survivor_id" text NOT NULL,
	"merged_id" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"repointed" jsonb NOT NULL,
	"actor_label" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_private" (
	"entity_id" text PRIMARY KEY NOT NULL,
	"email" text,
	"phone" text,
	"birth_year" integer,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "recognitions" (
	"id" text PRIMARY KEY NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"source_id" text,
	"source_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relations" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"type" text NOT NULL,
	"from_id" text NOT NULL,
	"to_id" text NOT NULL,
	"to_kind" text DEFAULT 'entity' NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"source_id" text,
	"source_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "aliases" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "founded_on" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "sector_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "industry_tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "uscc" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "ror" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "orcid" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "external_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "merged_into_id" text;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "entities" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_facts" ADD CONSTRAINT "entity_facts_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_facts" ADD CONSTRAINT "entity_facts_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_private" ADD CONSTRAINT "person_private_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognitions" ADD CONSTRAINT "recognitions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relations" ADD CONSTRAINT "relations_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relations" ADD CONSTRAINT "relations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "corrections_entity_idx" ON "corrections" USING btree ("entity_id","status");--> statement-breakpoint
CREATE INDEX "entity_facts_entity_idx" ON "entity_facts" USING btree ("entity_id","metric","year");--> statement-breakpoint
CREATE INDEX "recognitions_entity_idx" ON "recognitions" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "recognitions_type_idx" ON "recognitions" USING btree ("type");--> statement-breakpoint
CREATE INDEX "relations_from_idx" ON "relations" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "relations_to_idx" ON "relations" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "relations_centre_type_idx" ON "relations" USING btree ("centre_id","type");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_uscc_uq" ON "entities" USING btree ("centre_id","uscc") WHERE "entities"."uscc" is not null and "entities"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "entities_ror_uq" ON "entities" USING btree ("centre_id","ror") WHERE "entities"."ror" is not null and "entities"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "entities_orcid_uq" ON "entities" USING btree ("centre_id","orcid") WHERE "entities"."orcid" is not null and "entities"."status" = 'active';--> statement-breakpoint
CREATE INDEX "entities_search_trgm_idx" ON "entities" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "entities_parent_idx" ON "entities" USING btree ("parent_id");