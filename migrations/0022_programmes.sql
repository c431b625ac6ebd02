CREATE TABLE "company_exits" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"kind" text NOT NULL,
	"exit_on" text NOT NULL,
	"board" text,
	"code" text,
	"acquirer_id" text,
	"acquirer_name" text,
	"source_note" text,
	"source_url" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fx_rates" (
	"centre_id" text NOT NULL,
	"currency" text NOT NULL,
	"year" integer NOT NULL,
	"usd_per_unit" double precision NOT NULL,
	"source_note" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "fx_rates_centre_id_currency_year_pk" PRIMARY KEY("centre_id","currency","year")
);
--> statement-breakpoint
CREATE TABLE "investment_round_investors" (
	"round_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"entity_id" text,
	"is_lead" boolean DEFAULT false NOT NULL,
	CONSTRAINT "investment_round_investors_round_id_position_pk" PRIMARY KEY("round_id","position")
);
--> statement-breakpoint
CREATE TABLE "investment_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"investee_id" text NOT NULL,
	"announced_on" text NOT NULL,
	"amount" double precision,
	"currency" text NOT NULL,
	"stage" text NOT NULL,
	"post_money_valuation" double precision,
	"source_id" text,
	"source_note" text,
	"source_url" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "collaboration_configs" (
	"centre_id" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"home_country" text DEFAULT 'CN' NOT NULL,
	"regions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperation_agreement_parties" (
	"agreement_id" text NOT NULL,
	"position" integer NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"entity_id" text,
	"country" text NOT NULL,
	CONSTRAINT "cooperation_agreement_parties_agreement_id_position_pk" PRIMARY KEY("agreement_id","position")
);
--> statement-breakpoint
CREATE TABLE "cooperation_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"title" text NOT NULL,
	"subject" text NOT NULL,
	"signed_on" text NOT NULL,
	"ends_on" text,
	"source_note" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hosted_organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"entity_id" text,
	"name_zh" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"field" text,
	"member_countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"hosted_since" text,
	"hosted_until" text,
	"source_note" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "joint_lab_partners" (
	"lab_id" text NOT NULL,
	"position" integer NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"entity_id" text,
	"country" text NOT NULL,
	CONSTRAINT "joint_lab_partners_lab_id_position_pk" PRIMARY KEY("lab_id","position")
);
--> statement-breakpoint
CREATE TABLE "joint_labs" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"field" text NOT NULL,
	"established_on" text,
	"ended_on" text,
	"source_note" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regional_records" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"kind" text NOT NULL,
	"from_region" text NOT NULL,
	"to_region" text NOT NULL,
	"title" text NOT NULL,
	"entity_id" text,
	"organisation_name" text NOT NULL,
	"occurred_on" text NOT NULL,
	"amount" double precision,
	"source_note" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incubator_cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"incubator_id" text NOT NULL,
	"intake_year" integer NOT NULL,
	"term" text DEFAULT 'year' NOT NULL,
	"is_sample" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incubator_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"incubator_type" text NOT NULL,
	"operator_id" text,
	"operator_name" text,
	"area_id" text,
	"parks" text,
	"focus" text,
	"confirmed_on" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incubator_residents" (
	"id" text PRIMARY KEY NOT NULL,
	"cohort_id" text NOT NULL,
	"entity_id" text NOT NULL,
	"entered_on" text NOT NULL,
	"exited_on" text,
	"exit_kind" text DEFAULT 'in_residence' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_release_organisations" (
	"release_id" text NOT NULL,
	"entity_id" text NOT NULL,
	CONSTRAINT "event_release_organisations_release_id_entity_id_pk" PRIMARY KEY("release_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "event_releases" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"session_id" text,
	"title_zh" text NOT NULL,
	"title_en" text,
	"released_on" text NOT NULL,
	"achievement_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_session_organisers" (
	"session_id" text NOT NULL,
	"entity_id" text NOT NULL,
	CONSTRAINT "event_session_organisers_session_id_entity_id_pk" PRIMARY KEY("session_id","entity_id")
);
--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"held_on" text NOT NULL,
	"venue" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"series" text,
	"starts_on" text NOT NULL,
	"ends_on" text NOT NULL,
	"venue" text,
	"area_id" text,
	"entity_id" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_applications" (
	"application_id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"centre_id" text NOT NULL,
	"track" text NOT NULL,
	"commitments" jsonb,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_expense_rejections" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"application_id" text NOT NULL,
	"spent_on" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"reason" text NOT NULL,
	"list_version_id" text,
	"item_code" text,
	"attempted_by" text,
	"attempted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_expenses" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"application_id" text NOT NULL,
	"spent_on" text NOT NULL,
	"category" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"list_version_id" text,
	"balance_after_fen" bigint NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_final_reports" (
	"application_id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"summary" text NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"evaluation_scores" jsonb,
	"evaluation_comments" jsonb,
	"evaluation_total" double precision,
	"evaluated_by" text,
	"evaluated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_funding_sources" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"application_id" text NOT NULL,
	"level" text NOT NULL,
	"nature" text NOT NULL,
	"funder_entity_id" text,
	"funder_name" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"year" integer NOT NULL,
	"note" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_outputs" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"doi" text,
	"patent_number" text,
	"patent_id" text,
	"url" text,
	"person_entity_id" text,
	"year" integer
);
--> statement-breakpoint
CREATE TABLE "grant_tracks" (
	"call_id" text NOT NULL,
	"code" text NOT NULL,
	"description_zh" text,
	"description_en" text,
	"review_form" jsonb NOT NULL,
	"evaluation_form" jsonb NOT NULL,
	CONSTRAINT "grant_tracks_call_id_code_pk" PRIMARY KEY("call_id","code")
);
--> statement-breakpoint
CREATE TABLE "negative_list_items" (
	"version_id" text NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"explanation_zh" text NOT NULL,
	"explanation_en" text NOT NULL,
	CONSTRAINT "negative_list_items_version_id_code_pk" PRIMARY KEY("version_id","code")
);
--> statement-breakpoint
CREATE TABLE "negative_list_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"number" integer NOT NULL,
	"effective_from" text NOT NULL,
	"note_zh" text,
	"note_en" text,
	"source_title" text,
	"published_by" text,
	"published_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_applications" (
	"application_id" text PRIMARY KEY NOT NULL,
	"call_id" text NOT NULL,
	"person_entity_id" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"self_assessment" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_calls" (
	"call_id" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"mode" text DEFAULT 'application' NOT NULL,
	"validity_years" integer,
	"scheme" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"recognition_id" text NOT NULL,
	"person_entity_id" text NOT NULL,
	"employer_entity_id" text,
	"holder_user_id" text,
	"application_id" text NOT NULL,
	"call_id" text NOT NULL,
	"category" text NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text NOT NULL,
	"area_id" text,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"issued_by" text,
	"issued_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_service_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"credential_id" text NOT NULL,
	"demand_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rd_centre_applications" (
	"application_id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"centre_type" text NOT NULL,
	"name_en" text,
	"name_zh" text,
	"description_en" text,
	"description_zh" text,
	"original" text NOT NULL,
	"translated_by" text,
	"facts" jsonb NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"planned_rd_spend" double precision,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rd_centre_hires" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"recognition_id" text NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"count" integer NOT NULL,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rd_centre_recognitions" (
	"recognition_id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"application_id" text NOT NULL,
	"centre_type" text NOT NULL,
	"decision_ref" text NOT NULL,
	"housekeeper_user_id" text,
	"revoked_on" text,
	"revoke_reason" text,
	"is_sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rd_centre_recognitions_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "rd_centre_support" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"recognition_id" text NOT NULL,
	"measure" text NOT NULL,
	"amount" double precision NOT NULL,
	"granted_on" text NOT NULL,
	"decision_ref" text NOT NULL,
	"note" text,
	"recorded_by" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "company_exits" ADD CONSTRAINT "company_exits_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_exits" ADD CONSTRAINT "company_exits_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_exits" ADD CONSTRAINT "company_exits_acquirer_id_entities_id_fk" FOREIGN KEY ("acquirer_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fx_rates" ADD CONSTRAINT "fx_rates_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_round_investors" ADD CONSTRAINT "investment_round_investors_round_id_investment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."investment_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_round_investors" ADD CONSTRAINT "investment_round_investors_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_rounds" ADD CONSTRAINT "investment_rounds_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_rounds" ADD CONSTRAINT "investment_rounds_investee_id_entities_id_fk" FOREIGN KEY ("investee_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_rounds" ADD CONSTRAINT "investment_rounds_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_rounds" ADD CONSTRAINT "investment_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collaboration_configs" ADD CONSTRAINT "collaboration_configs_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_agreement_parties" ADD CONSTRAINT "cooperation_agreement_parties_agreement_id_cooperation_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."cooperation_agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_agreement_parties" ADD CONSTRAINT "cooperation_agreement_parties_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_agreements" ADD CONSTRAINT "cooperation_agreements_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosted_organisations" ADD CONSTRAINT "hosted_organisations_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosted_organisations" ADD CONSTRAINT "hosted_organisations_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_lab_partners" ADD CONSTRAINT "joint_lab_partners_lab_id_joint_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."joint_labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_lab_partners" ADD CONSTRAINT "joint_lab_partners_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "joint_labs" ADD CONSTRAINT "joint_labs_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_records" ADD CONSTRAINT "regional_records_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_records" ADD CONSTRAINT "regional_records_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_cohorts" ADD CONSTRAINT "incubator_cohorts_incubator_id_incubator_profiles_id_fk" FOREIGN KEY ("incubator_id") REFERENCES "public"."incubator_profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_profiles" ADD CONSTRAINT "incubator_profiles_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_profiles" ADD CONSTRAINT "incubator_profiles_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_profiles" ADD CONSTRAINT "incubator_profiles_operator_id_entities_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_profiles" ADD CONSTRAINT "incubator_profiles_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_residents" ADD CONSTRAINT "incubator_residents_cohort_id_incubator_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."incubator_cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incubator_residents" ADD CONSTRAINT "incubator_residents_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_release_organisations" ADD CONSTRAINT "event_release_organisations_release_id_event_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."event_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_release_organisations" ADD CONSTRAINT "event_release_organisations_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_releases" ADD CONSTRAINT "event_releases_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_releases" ADD CONSTRAINT "event_releases_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_releases" ADD CONSTRAINT "event_releases_achievement_id_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."achievements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_session_organisers" ADD CONSTRAINT "event_session_organisers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_session_organisers" ADD CONSTRAINT "event_session_organisers_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expense_rejections" ADD CONSTRAINT "grant_expense_rejections_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expense_rejections" ADD CONSTRAINT "grant_expense_rejections_application_id_grant_applications_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expense_rejections" ADD CONSTRAINT "grant_expense_rejections_list_version_id_negative_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."negative_list_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expense_rejections" ADD CONSTRAINT "grant_expense_rejections_attempted_by_users_id_fk" FOREIGN KEY ("attempted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_application_id_grant_applications_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_list_version_id_negative_list_versions_id_fk" FOREIGN KEY ("list_version_id") REFERENCES "public"."negative_list_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_expenses" ADD CONSTRAINT "grant_expenses_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_final_reports" ADD CONSTRAINT "grant_final_reports_application_id_grant_applications_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_final_reports" ADD CONSTRAINT "grant_final_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_final_reports" ADD CONSTRAINT "grant_final_reports_evaluated_by_users_id_fk" FOREIGN KEY ("evaluated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_funding_sources" ADD CONSTRAINT "grant_funding_sources_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_funding_sources" ADD CONSTRAINT "grant_funding_sources_application_id_grant_applications_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_funding_sources" ADD CONSTRAINT "grant_funding_sources_funder_entity_id_entities_id_fk" FOREIGN KEY ("funder_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_funding_sources" ADD CONSTRAINT "grant_funding_sources_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_outputs" ADD CONSTRAINT "grant_outputs_application_id_grant_applications_application_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("application_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_outputs" ADD CONSTRAINT "grant_outputs_patent_id_patents_id_fk" FOREIGN KEY ("patent_id") REFERENCES "public"."patents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_outputs" ADD CONSTRAINT "grant_outputs_person_entity_id_entities_id_fk" FOREIGN KEY ("person_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_tracks" ADD CONSTRAINT "grant_tracks_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_items" ADD CONSTRAINT "negative_list_items_version_id_negative_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."negative_list_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_versions" ADD CONSTRAINT "negative_list_versions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "negative_list_versions" ADD CONSTRAINT "negative_list_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_applications" ADD CONSTRAINT "talent_applications_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_applications" ADD CONSTRAINT "talent_applications_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_applications" ADD CONSTRAINT "talent_applications_person_entity_id_entities_id_fk" FOREIGN KEY ("person_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_calls" ADD CONSTRAINT "talent_calls_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_recognition_id_recognitions_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."recognitions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_person_entity_id_entities_id_fk" FOREIGN KEY ("person_entity_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_employer_entity_id_entities_id_fk" FOREIGN KEY ("employer_entity_id") REFERENCES "public"."entities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_call_id_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."calls"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_credentials" ADD CONSTRAINT "talent_credentials_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_service_requests" ADD CONSTRAINT "talent_service_requests_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_service_requests" ADD CONSTRAINT "talent_service_requests_credential_id_talent_credentials_id_fk" FOREIGN KEY ("credential_id") REFERENCES "public"."talent_credentials"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_service_requests" ADD CONSTRAINT "talent_service_requests_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_service_requests" ADD CONSTRAINT "talent_service_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_applications" ADD CONSTRAINT "rd_centre_applications_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_applications" ADD CONSTRAINT "rd_centre_applications_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_applications" ADD CONSTRAINT "rd_centre_applications_translated_by_users_id_fk" FOREIGN KEY ("translated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_hires" ADD CONSTRAINT "rd_centre_hires_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_hires" ADD CONSTRAINT "rd_centre_hires_recognition_id_rd_centre_recognitions_recognition_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."rd_centre_recognitions"("recognition_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_hires" ADD CONSTRAINT "rd_centre_hires_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_recognitions" ADD CONSTRAINT "rd_centre_recognitions_recognition_id_recognitions_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."recognitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_recognitions" ADD CONSTRAINT "rd_centre_recognitions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_recognitions" ADD CONSTRAINT "rd_centre_recognitions_application_id_call_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."call_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_recognitions" ADD CONSTRAINT "rd_centre_recognitions_housekeeper_user_id_users_id_fk" FOREIGN KEY ("housekeeper_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_support" ADD CONSTRAINT "rd_centre_support_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_support" ADD CONSTRAINT "rd_centre_support_recognition_id_rd_centre_recognitions_recognition_id_fk" FOREIGN KEY ("recognition_id") REFERENCES "public"."rd_centre_recognitions"("recognition_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_centre_support" ADD CONSTRAINT "rd_centre_support_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "company_exits_entity_idx" ON "company_exits" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "company_exits_centre_idx" ON "company_exits" USING btree ("centre_id","exit_on");--> statement-breakpoint
CREATE UNIQUE INDEX "company_exits_listing_uq" ON "company_exits" USING btree ("centre_id","board","code") WHERE "company_exits"."kind" = 'listing';--> statement-breakpoint
CREATE INDEX "investment_round_investors_entity_idx" ON "investment_round_investors" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "investment_rounds_centre_date_idx" ON "investment_rounds" USING btree ("centre_id","announced_on");--> statement-breakpoint
CREATE INDEX "investment_rounds_investee_idx" ON "investment_rounds" USING btree ("investee_id","announced_on");--> statement-breakpoint
CREATE INDEX "cooperation_agreement_parties_entity_idx" ON "cooperation_agreement_parties" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "cooperation_agreements_centre_idx" ON "cooperation_agreements" USING btree ("centre_id","signed_on");--> statement-breakpoint
CREATE INDEX "hosted_organisations_centre_idx" ON "hosted_organisations" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "hosted_organisations_entity_idx" ON "hosted_organisations" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "joint_lab_partners_entity_idx" ON "joint_lab_partners" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "joint_labs_centre_idx" ON "joint_labs" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "regional_records_centre_idx" ON "regional_records" USING btree ("centre_id","occurred_on");--> statement-breakpoint
CREATE INDEX "regional_records_entity_idx" ON "regional_records" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incubator_cohorts_uq" ON "incubator_cohorts" USING btree ("incubator_id","intake_year","term");--> statement-breakpoint
CREATE UNIQUE INDEX "incubator_profiles_entity_uq" ON "incubator_profiles" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "incubator_profiles_centre_idx" ON "incubator_profiles" USING btree ("centre_id","incubator_type");--> statement-breakpoint
CREATE UNIQUE INDEX "incubator_residents_uq" ON "incubator_residents" USING btree ("cohort_id","entity_id");--> statement-breakpoint
CREATE INDEX "incubator_residents_entity_idx" ON "incubator_residents" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "event_release_organisations_entity_idx" ON "event_release_organisations" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "event_releases_event_idx" ON "event_releases" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_releases_achievement_idx" ON "event_releases" USING btree ("achievement_id");--> statement-breakpoint
CREATE INDEX "event_session_organisers_entity_idx" ON "event_session_organisers" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "event_sessions_event_idx" ON "event_sessions" USING btree ("event_id","held_on");--> statement-breakpoint
CREATE INDEX "events_centre_idx" ON "events" USING btree ("centre_id","starts_on");--> statement-breakpoint
CREATE INDEX "grant_applications_call_idx" ON "grant_applications" USING btree ("call_id","track");--> statement-breakpoint
CREATE INDEX "grant_applications_centre_idx" ON "grant_applications" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "grant_expense_rejections_application_idx" ON "grant_expense_rejections" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grant_expense_rejections_centre_idx" ON "grant_expense_rejections" USING btree ("centre_id","attempted_at");--> statement-breakpoint
CREATE INDEX "grant_expenses_application_idx" ON "grant_expenses" USING btree ("application_id","recorded_at");--> statement-breakpoint
CREATE INDEX "grant_funding_application_idx" ON "grant_funding_sources" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grant_funding_centre_year_idx" ON "grant_funding_sources" USING btree ("centre_id","year");--> statement-breakpoint
CREATE INDEX "grant_funding_funder_idx" ON "grant_funding_sources" USING btree ("funder_entity_id");--> statement-breakpoint
CREATE INDEX "grant_outputs_application_idx" ON "grant_outputs" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "grant_outputs_person_idx" ON "grant_outputs" USING btree ("person_entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "negative_list_versions_number_uq" ON "negative_list_versions" USING btree ("centre_id","number");--> statement-breakpoint
CREATE INDEX "talent_applications_call_idx" ON "talent_applications" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "talent_applications_person_idx" ON "talent_applications" USING btree ("person_entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_credentials_application_uq" ON "talent_credentials" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "talent_credentials_person_idx" ON "talent_credentials" USING btree ("person_entity_id");--> statement-breakpoint
CREATE INDEX "talent_credentials_holder_idx" ON "talent_credentials" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "talent_credentials_centre_idx" ON "talent_credentials" USING btree ("centre_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_service_requests_demand_uq" ON "talent_service_requests" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "talent_service_requests_credential_idx" ON "talent_service_requests" USING btree ("credential_id");--> statement-breakpoint
CREATE INDEX "rd_centre_applications_centre_idx" ON "rd_centre_applications" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "rd_centre_hires_recognition_idx" ON "rd_centre_hires" USING btree ("recognition_id");--> statement-breakpoint
CREATE INDEX "rd_centre_recognitions_centre_idx" ON "rd_centre_recognitions" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "rd_centre_support_recognition_idx" ON "rd_centre_support" USING btree ("recognition_id");