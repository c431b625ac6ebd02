CREATE TABLE "call_scenarios" (
	"call_id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"owner_kind" text NOT NULL,
	"site" text NOT NULL,
	"data_available" text,
	"sandbox_status" text DEFAULT 'none' NOT NULL,
	"timeline_start" text,
	"timeline_end" text
);
--> statement-breakpoint
CREATE TABLE "scenario_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"programme_id" text NOT NULL,
	"number" integer NOT NULL,
	"title_zh" text,
	"title_en" text NOT NULL,
	"description" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"call_id" text NOT NULL,
	"application_id" text NOT NULL,
	"enterprise_id" text,
	"achievement_id" text,
	"state" text DEFAULT 'deploying' NOT NULL,
	"started_on" text,
	"finished_on" text,
	"outcome" text,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "call_scenarios" ADD CONSTRAINT "call_scenarios_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_scenarios" ADD CONSTRAINT "call_scenarios_batch_id_scenario_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."scenario_batches"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_batches" ADD CONSTRAINT "scenario_batches_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_batches" ADD CONSTRAINT "scenario_batches_programme_id_call_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."call_programmes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_enterprise_id_entities_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_deployments" ADD CONSTRAINT "scenario_deployments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_scenarios_batch_idx" ON "call_scenarios" USING btree ("batch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_batches_number_uq" ON "scenario_batches" USING btree ("programme_id","number");--> statement-breakpoint
CREATE INDEX "scenario_batches_centre_idx" ON "scenario_batches" USING btree ("centre_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scenario_deployments_application_uq" ON "scenario_deployments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "scenario_deployments_call_idx" ON "scenario_deployments" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "scenario_deployments_enterprise_idx" ON "scenario_deployments" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "scenario_deployments_achievement_idx" ON "scenario_deployments" USING btree ("achievement_id") WHERE "scenario_deployments"."achievement_id" is not null;