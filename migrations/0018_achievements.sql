CREATE TABLE "achievement_access_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"achievement_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"requester_org_id" text,
	"purpose" text NOT NULL,
	"terms_accepted_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'requested' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievement_contracts" (
	"achievement_id" text NOT NULL,
	"contract_id" text NOT NULL,
	CONSTRAINT "achievement_contracts_achievement_id_contract_id_pk" PRIMARY KEY("achievement_id","contract_id")
);
--> statement-breakpoint
CREATE TABLE "achievement_detail_views" (
	"id" text PRIMARY KEY NOT NULL,
	"achievement_id" text NOT NULL,
	"user_id" text,
	"user_label" text NOT NULL,
	"organisation_id" text,
	"basis" text NOT NULL,
	"request_id" text,
	"achievement_version" integer NOT NULL,
	"viewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "achievement_inventors" (
	"achievement_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"contribution" double precision,
	CONSTRAINT "achievement_inventors_achievement_id_entity_id_pk" PRIMARY KEY("achievement_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "achievement_owners" (
	"achievement_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"share" double precision,
	CONSTRAINT "achievement_owners_achievement_id_entity_id_pk" PRIMARY KEY("achievement_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "achievement_patents" (
	"achievement_id" text NOT NULL,
	"centre_id" text NOT NULL,
	"patent_number" text NOT NULL,
	CONSTRAINT "achievement_patents_achievement_id_patent_number_pk" PRIMARY KEY("achievement_id","patent_number")
);
--> statement-breakpoint
CREATE TABLE "achievement_spinoffs" (
	"achievement_id" text NOT NULL,
	"entity_id" text NOT NULL,
	CONSTRAINT "achievement_spinoffs_achievement_id_entity_id_pk" PRIMARY KEY("achievement_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "achievements" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"summary" text NOT NULL,
	"confidential_detail" text,
	"field" text NOT NULL,
	"trl" integer NOT NULL,
	"stage" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_terms" text DEFAULT '' NOT NULL,
	"created_by" text,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "achievements_trl_ck" CHECK ("achievements"."trl" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "technology_needs" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"field" text NOT NULL,
	"trl_min" integer NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"budget_min" double precision,
	"budget_max" double precision,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"deadline" text,
	"search_terms" text DEFAULT '' NOT NULL,
	"call_id" text,
	"created_by" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "technology_needs_trl_ck" CHECK ("technology_needs"."trl_min" between 1 and 9)
);
--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_requester_org_id_entities_id_fk" FOREIGN KEY ("requester_org_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_access_requests" ADD CONSTRAINT "achievement_access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_contracts" ADD CONSTRAINT "achievement_contracts_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_contracts" ADD CONSTRAINT "achievement_contracts_contract_id_tech_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."tech_contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_detail_views" ADD CONSTRAINT "achievement_detail_views_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_detail_views" ADD CONSTRAINT "achievement_detail_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_detail_views" ADD CONSTRAINT "achievement_detail_views_organisation_id_entities_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_detail_views" ADD CONSTRAINT "achievement_detail_views_request_id_achievement_access_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."achievement_access_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_inventors" ADD CONSTRAINT "achievement_inventors_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_inventors" ADD CONSTRAINT "achievement_inventors_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_owners" ADD CONSTRAINT "achievement_owners_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_owners" ADD CONSTRAINT "achievement_owners_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_patents" ADD CONSTRAINT "achievement_patents_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_patents" ADD CONSTRAINT "achievement_patents_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_spinoffs" ADD CONSTRAINT "achievement_spinoffs_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievement_spinoffs" ADD CONSTRAINT "achievement_spinoffs_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technology_needs" ADD CONSTRAINT "technology_needs_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technology_needs" ADD CONSTRAINT "technology_needs_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technology_needs" ADD CONSTRAINT "technology_needs_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technology_needs" ADD CONSTRAINT "technology_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "achievement_access_live_uq" ON "achievement_access_requests" USING btree ("achievement_id","requester_id") WHERE "achievement_access_requests"."state" in ('requested', 'granted');--> statement-breakpoint
CREATE INDEX "achievement_access_achievement_idx" ON "achievement_access_requests" USING btree ("achievement_id","state");--> statement-breakpoint
CREATE INDEX "achievement_access_requester_idx" ON "achievement_access_requests" USING btree ("requester_id");--> statement-breakpoint
CREATE INDEX "achievement_contracts_contract_idx" ON "achievement_contracts" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "achievement_views_achievement_idx" ON "achievement_detail_views" USING btree ("achievement_id","viewed_at");--> statement-breakpoint
CREATE INDEX "achievement_inventors_entity_idx" ON "achievement_inventors" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "achievement_owners_entity_idx" ON "achievement_owners" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "achievement_patents_number_idx" ON "achievement_patents" USING btree ("centre_id","patent_number");--> statement-breakpoint
CREATE INDEX "achievement_spinoffs_entity_idx" ON "achievement_spinoffs" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "achievements_centre_state_idx" ON "achievements" USING btree ("centre_id","state","updated_at");--> statement-breakpoint
CREATE INDEX "achievements_field_idx" ON "achievements" USING btree ("centre_id","field");--> statement-breakpoint
CREATE INDEX "technology_needs_centre_state_idx" ON "technology_needs" USING btree ("centre_id","state","updated_at");--> statement-breakpoint
CREATE INDEX "technology_needs_enterprise_idx" ON "technology_needs" USING btree ("enterprise_id");