CREATE TABLE "demand_events" (
	"id" text PRIMARY KEY NOT NULL,
	"demand_id" text NOT NULL,
	"kind" text NOT NULL,
	"action" text,
	"from_state" text,
	"to_state" text,
	"body" text,
	"internal" boolean DEFAULT false NOT NULL,
	"author_id" text,
	"author_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"reference" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"visit_id" text,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"area_id" text,
	"department_id" text,
	"state" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"resolve_by" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"reopened_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"last_activity_at" timestamp with time zone NOT NULL,
	"escalation_level" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"rating" integer,
	"rating_comment" text,
	"topic_words" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_departments" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"area_id" text,
	"demand_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_coordinator" boolean DEFAULT false NOT NULL,
	"member_user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_packages" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"key_basis" text NOT NULL,
	"primary_housekeeper_id" text NOT NULL,
	"backup_housekeeper_id" text,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"check_in_every_days" integer NOT NULL,
	"next_check_in_on" text NOT NULL,
	"state" text NOT NULL,
	"signed_at" timestamp with time zone,
	"signed_by" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_visits" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"package_id" text,
	"visited_on" text NOT NULL,
	"participants" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"notes" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_fact_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"fact" text NOT NULL,
	"value" jsonb,
	"answered_by" text,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"code" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"issuer" text NOT NULL,
	"level" text NOT NULL,
	"document_number" text,
	"url" text,
	"source_id" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_push_consents" (
	"enterprise_id" text PRIMARY KEY NOT NULL,
	"consent" boolean NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_stacking_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"kind" text NOT NULL,
	"benefit_a" text NOT NULL,
	"benefit_b" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"policy_id" text NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text,
	"legal_text" text DEFAULT '' NOT NULL,
	"clauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"benefits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"change_note" text,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_events" ADD CONSTRAINT "demand_events_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_visit_id_service_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."service_visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_department_id_service_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."service_departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_departments" ADD CONSTRAINT "service_departments_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_departments" ADD CONSTRAINT "service_departments_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_primary_housekeeper_id_users_id_fk" FOREIGN KEY ("primary_housekeeper_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_backup_housekeeper_id_users_id_fk" FOREIGN KEY ("backup_housekeeper_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_package_id_service_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."service_packages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_fact_answers" ADD CONSTRAINT "enterprise_fact_answers_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_fact_answers" ADD CONSTRAINT "enterprise_fact_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policies" ADD CONSTRAINT "policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_push_consents" ADD CONSTRAINT "policy_push_consents_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_push_consents" ADD CONSTRAINT "policy_push_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_stacking_rules" ADD CONSTRAINT "policy_stacking_rules_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demand_events_demand_idx" ON "demand_events" USING btree ("demand_id","created_at");--> statement-breakpoint
CREATE INDEX "demands_centre_state_idx" ON "demands" USING btree ("centre_id","state");--> statement-breakpoint
CREATE INDEX "demands_enterprise_idx" ON "demands" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "demands_department_idx" ON "demands" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "demands_received_idx" ON "demands" USING btree ("centre_id","received_at");--> statement-breakpoint
CREATE INDEX "service_departments_centre_idx" ON "service_departments" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "service_packages_centre_idx" ON "service_packages" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "service_packages_enterprise_idx" ON "service_packages" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "service_packages_housekeeper_idx" ON "service_packages" USING btree ("primary_housekeeper_id");--> statement-breakpoint
CREATE INDEX "service_visits_enterprise_idx" ON "service_visits" USING btree ("enterprise_id","visited_on");--> statement-breakpoint
CREATE INDEX "enterprise_fact_answers_idx" ON "enterprise_fact_answers" USING btree ("enterprise_id","fact","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policies_code_uq" ON "policies" USING btree ("centre_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_stacking_uq" ON "policy_stacking_rules" USING btree ("centre_id","benefit_a","benefit_b");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_uq" ON "policy_versions" USING btree ("policy_id","version");