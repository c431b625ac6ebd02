CREATE TABLE "call_appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"statement" text NOT NULL,
	"lodged_at" timestamp with time zone NOT NULL,
	"lodged_by" text NOT NULL,
	"outcome" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" text
);
--> statement-breakpoint
CREATE TABLE "call_application_members" (
	"application_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "call_application_members_application_id_entity_id_role_pk" PRIMARY KEY("application_id","entity_id","role")
);
--> statement-breakpoint
CREATE TABLE "call_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"applicant_org_id" text,
	"created_by" text,
	"plan" text,
	"budget" jsonb DEFAULT '{"total":0,"selfFunded":null,"items":[]}'::jsonb NOT NULL,
	"declarations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"excluded_entity_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"team_trl" integer,
	"eligibility" jsonb,
	"appeal_count" integer DEFAULT 0 NOT NULL,
	"award_amount" double precision,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_change_log" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "call_change_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"call_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"entry" text NOT NULL,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "call_criteria" (
	"id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"position" integer NOT NULL,
	"metric" text NOT NULL,
	"unit" text NOT NULL,
	"comparator" text NOT NULL,
	"threshold" double precision NOT NULL,
	"test_method" text NOT NULL,
	"result_value" double precision,
	"result_met" boolean,
	"result_note" text,
	"result_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "call_milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"deliverable" text NOT NULL,
	"verification" text NOT NULL,
	"due_on" text NOT NULL,
	"tranche_share" double precision DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verified_by" text,
	"verification_note" text,
	"submitted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"paid_amount" double precision,
	"paid_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"kind" text NOT NULL,
	"title_zh" text,
	"title_en" text NOT NULL,
	"year" integer,
	"description" text,
	"settings" jsonb NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"programme_id" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title_zh" text,
	"title_en" text NOT NULL,
	"problem" text,
	"field_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"chain_position" text,
	"trl_expected" integer,
	"budget" double precision,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"payment_schedule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadline" timestamp with time zone,
	"eligibility_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ip_template" text,
	"frozen_terms" jsonb,
	"owner_entity_id" text NOT NULL,
	"decision_memo" text,
	"appeal_deadline" timestamp with time zone,
	"published_at" timestamp with time zone,
	"awarded_at" timestamp with time zone,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"user_id" text,
	"fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"max_load" integer DEFAULT 10 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"centre_id" text,
	"template" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_assignments" (
	"id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"application_id" text NOT NULL,
	"expert_id" text NOT NULL,
	"state" text DEFAULT 'assigned' NOT NULL,
	"match_score" double precision,
	"coi_flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" text,
	"overridden_by" text,
	"recusal_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"assignment_id" text PRIMARY KEY NOT NULL,
	"scores" jsonb NOT NULL,
	"comments" jsonb NOT NULL,
	"total" double precision NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_appeals" ADD CONSTRAINT "call_appeals_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_application_members" ADD CONSTRAINT "call_application_members_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_application_members" ADD CONSTRAINT "call_application_members_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_applications" ADD CONSTRAINT "call_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_change_log" ADD CONSTRAINT "call_change_log_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_criteria" ADD CONSTRAINT "call_criteria_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_milestones" ADD CONSTRAINT "call_milestones_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_programmes" ADD CONSTRAINT "call_programmes_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_programme_id_call_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."call_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calls" ADD CONSTRAINT "calls_owner_entity_id_entities_id_fk" FOREIGN KEY ("owner_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts" ADD CONSTRAINT "experts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_assignments" ADD CONSTRAINT "review_assignments_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."experts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_assignment_id_review_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."review_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_appeals_application_idx" ON "call_appeals" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "call_application_members_entity_idx" ON "call_application_members" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "call_applications_call_idx" ON "call_applications" USING btree ("call_id","state");--> statement-breakpoint
CREATE INDEX "call_applications_org_idx" ON "call_applications" USING btree ("applicant_org_id");--> statement-breakpoint
CREATE INDEX "call_change_log_call_idx" ON "call_change_log" USING btree ("call_id","at");--> statement-breakpoint
CREATE INDEX "call_criteria_call_idx" ON "call_criteria" USING btree ("call_id","position");--> statement-breakpoint
CREATE INDEX "call_milestones_application_idx" ON "call_milestones" USING btree ("application_id","position");--> statement-breakpoint
CREATE INDEX "calls_centre_state_idx" ON "calls" USING btree ("centre_id","state");--> statement-breakpoint
CREATE INDEX "calls_programme_idx" ON "calls" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "calls_fields_idx" ON "calls" USING gin ("field_codes");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_entity_uq" ON "experts" USING btree ("centre_id","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_user_uq" ON "experts" USING btree ("user_id") WHERE "experts"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "experts_fields_idx" ON "experts" USING gin ("fields");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_assignments_pair_uq" ON "review_assignments" USING btree ("application_id","expert_id");--> statement-breakpoint
CREATE INDEX "review_assignments_call_idx" ON "review_assignments" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "review_assignments_expert_idx" ON "review_assignments" USING btree ("expert_id","state");