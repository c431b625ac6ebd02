CREATE TABLE "chain_innovation_links" (
	"id" text PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"node_id" text NOT NULL,
	"kind" text NOT NULL,
	"entity_id" text,
	"ref_id" text,
	"ipc_prefix" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_map_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"supplies_at_save" jsonb,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_maps" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"cluster_code" text NOT NULL,
	"name_zh" text,
	"name_en" text NOT NULL,
	"is_template" boolean DEFAULT false NOT NULL,
	"template_code" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_placements" (
	"id" text PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"node_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"role" text NOT NULL,
	"capacity_note" text,
	"capacity_value" double precision,
	"capacity_unit" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chain_supplies" (
	"id" text PRIMARY KEY NOT NULL,
	"map_id" text NOT NULL,
	"node_id" text NOT NULL,
	"supplier_id" text,
	"region" text NOT NULL,
	"country" text NOT NULL,
	"local" boolean NOT NULL,
	"share" double precision NOT NULL,
	"confidential_aggregate" boolean DEFAULT false NOT NULL,
	"submitted_by_org_id" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chain_innovation_links" ADD CONSTRAINT "chain_innovation_links_map_id_chain_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."chain_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_innovation_links" ADD CONSTRAINT "chain_innovation_links_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_map_versions" ADD CONSTRAINT "chain_map_versions_map_id_chain_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."chain_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_map_versions" ADD CONSTRAINT "chain_map_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_maps" ADD CONSTRAINT "chain_maps_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_maps" ADD CONSTRAINT "chain_maps_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_map_id_chain_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."chain_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_placements" ADD CONSTRAINT "chain_placements_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_supplies" ADD CONSTRAINT "chain_supplies_map_id_chain_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."chain_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_supplies" ADD CONSTRAINT "chain_supplies_supplier_id_entities_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_supplies" ADD CONSTRAINT "chain_supplies_submitted_by_org_id_entities_id_fk" FOREIGN KEY ("submitted_by_org_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chain_innovation_links_map_idx" ON "chain_innovation_links" USING btree ("map_id","node_id");--> statement-breakpoint
CREATE INDEX "chain_innovation_links_entity_idx" ON "chain_innovation_links" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_map_versions_uq" ON "chain_map_versions" USING btree ("map_id","version");--> statement-breakpoint
CREATE INDEX "chain_maps_centre_idx" ON "chain_maps" USING btree ("centre_id","cluster_code");--> statement-breakpoint
CREATE INDEX "chain_placements_map_idx" ON "chain_placements" USING btree ("map_id","node_id");--> statement-breakpoint
CREATE INDEX "chain_placements_entity_idx" ON "chain_placements" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "chain_supplies_map_idx" ON "chain_supplies" USING btree ("map_id","node_id");--> statement-breakpoint
CREATE INDEX "chain_supplies_supplier_idx" ON "chain_supplies" USING btree ("supplier_id");