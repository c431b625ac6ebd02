CREATE TABLE "tech_contract_sequences" (
	"centre_id" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "tech_contract_sequences_centre_id_year_pk" PRIMARY KEY("centre_id","year")
);
--> statement-breakpoint
CREATE TABLE "tech_contract_stats" (
	"centre_id" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"key2" text DEFAULT '' NOT NULL,
	"contracts" integer NOT NULL,
	"amount" double precision NOT NULL,
	"technical_amount" double precision NOT NULL,
	"samples" integer NOT NULL,
	CONSTRAINT "tech_contract_stats_centre_id_dimension_year_month_key_key2_pk" PRIMARY KEY("centre_id","dimension","year","month","key","key2")
);
--> statement-breakpoint
CREATE TABLE "tech_contracts" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"state" text NOT NULL,
	"contract_number" text NOT NULL,
	"contract_key" text NOT NULL,
	"title" text NOT NULL,
	"type" text NOT NULL,
	"field" text NOT NULL,
	"seller_id" text NOT NULL,
	"seller_kind" text NOT NULL,
	"seller_district_id" text,
	"seller_park_id" text,
	"buyer_entity_id" text,
	"buyer_name" text NOT NULL,
	"buyer_region" text NOT NULL,
	"amount" double precision NOT NULL,
	"technical_amount" double precision NOT NULL,
	"breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"patent_numbers" text[] DEFAULT '{}'::text[] NOT NULL,
	"plan_origin" text DEFAULT 'none' NOT NULL,
	"plan_project" text,
	"signed_on" text NOT NULL,
	"valid_until" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"review_started_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"registration_number" text,
	"registered_on" text,
	"submitted_by" text,
	"registrar_id" text,
	"import_batch" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tech_contract_sequences" ADD CONSTRAINT "tech_contract_sequences_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contract_stats" ADD CONSTRAINT "tech_contract_stats_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_seller_id_entities_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_seller_district_id_areas_id_fk" FOREIGN KEY ("seller_district_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_seller_park_id_areas_id_fk" FOREIGN KEY ("seller_park_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_buyer_entity_id_entities_id_fk" FOREIGN KEY ("buyer_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tech_contracts" ADD CONSTRAINT "tech_contracts_registrar_id_users_id_fk" FOREIGN KEY ("registrar_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tech_contracts_live_uq" ON "tech_contracts" USING btree ("seller_id","contract_key") WHERE "tech_contracts"."state" in ('submitted', 'under_review', 'returned', 'registered');--> statement-breakpoint
CREATE UNIQUE INDEX "tech_contracts_registration_uq" ON "tech_contracts" USING btree ("centre_id","registration_number") WHERE "tech_contracts"."registration_number" is not null;--> statement-breakpoint
CREATE INDEX "tech_contracts_centre_state_idx" ON "tech_contracts" USING btree ("centre_id","state","submitted_at");--> statement-breakpoint
CREATE INDEX "tech_contracts_registered_idx" ON "tech_contracts" USING btree ("centre_id","registered_on");--> statement-breakpoint
CREATE INDEX "tech_contracts_seller_idx" ON "tech_contracts" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "tech_contracts_buyer_idx" ON "tech_contracts" USING btree ("buyer_entity_id");