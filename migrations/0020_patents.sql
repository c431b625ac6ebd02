CREATE TABLE "patent_parties" (
	"patent_id" text NOT NULL,
	"role" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"entity_id" text,
	CONSTRAINT "patent_parties_patent_id_role_position_pk" PRIMARY KEY("patent_id","role","position")
);
--> statement-breakpoint
CREATE TABLE "patent_pool_members" (
	"pool_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"role" text NOT NULL,
	"joined_on" text,
	CONSTRAINT "patent_pool_members_pool_id_entity_id_pk" PRIMARY KEY("pool_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "patent_pool_patents" (
	"pool_id" text NOT NULL,
	"patent_id" text NOT NULL,
	CONSTRAINT "patent_pool_patents_pool_id_patent_id_pk" PRIMARY KEY("pool_id","patent_id")
);
--> statement-breakpoint
CREATE TABLE "patent_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"field" text NOT NULL,
	"administrator_id" text,
	"royalty_basis" text NOT NULL,
	"frand" boolean DEFAULT false NOT NULL,
	"terms_text" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "patents" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"ipc_classes" text[] DEFAULT '{}'::text[] NOT NULL,
	"main_ipc" text,
	"application_date" text NOT NULL,
	"publication_date" text,
	"grant_date" text,
	"legal_status" text NOT NULL,
	"legal_status_date" text,
	"area_id" text,
	"first_applicant_id" text,
	"import_batch" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "patent_parties" ADD CONSTRAINT "patent_parties_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_parties" ADD CONSTRAINT "patent_parties_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pool_members" ADD CONSTRAINT "patent_pool_members_pool_id_patent_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."patent_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pool_members" ADD CONSTRAINT "patent_pool_members_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pool_patents" ADD CONSTRAINT "patent_pool_patents_pool_id_patent_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."patent_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pool_patents" ADD CONSTRAINT "patent_pool_patents_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pools" ADD CONSTRAINT "patent_pools_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patent_pools" ADD CONSTRAINT "patent_pools_administrator_id_entities_id_fk" FOREIGN KEY ("administrator_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patents" ADD CONSTRAINT "patents_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patents" ADD CONSTRAINT "patents_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patents" ADD CONSTRAINT "patents_first_applicant_id_entities_id_fk" FOREIGN KEY ("first_applicant_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patent_parties_entity_idx" ON "patent_parties" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "patent_pool_members_entity_idx" ON "patent_pool_members" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "patent_pool_patents_patent_idx" ON "patent_pool_patents" USING btree ("patent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "patents_centre_number_uq" ON "patents" USING btree ("centre_id","number");--> statement-breakpoint
CREATE INDEX "patents_centre_kind_idx" ON "patents" USING btree ("centre_id","kind","legal_status");--> statement-breakpoint
CREATE INDEX "patents_area_idx" ON "patents" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "patents_first_applicant_idx" ON "patents" USING btree ("first_applicant_id");--> statement-breakpoint
CREATE INDEX "patents_main_ipc_idx" ON "patents" USING btree ("centre_id","main_ipc");