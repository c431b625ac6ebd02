CREATE TABLE "evaluation_analyses" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"framework_id" text,
	"spec" jsonb NOT NULL,
	"status" text NOT NULL,
	"run_count" integer NOT NULL,
	"result" jsonb,
	"error" text,
	"duration_ms" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_example" boolean DEFAULT false NOT NULL,
	"data_csv" text NOT NULL,
	"meta_csv" text NOT NULL,
	"data_sha256" text NOT NULL,
	"meta_sha256" text NOT NULL,
	"unit_count" integer NOT NULL,
	"indicator_count" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_frameworks" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"note" text,
	"elements" jsonb NOT NULL,
	"meta_csv" text NOT NULL,
	"meta_sha256" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"centre_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"framework_id" text,
	"pipeline" jsonb NOT NULL,
	"versions" jsonb NOT NULL,
	"results" jsonb NOT NULL,
	"treatment" jsonb,
	"duration_ms" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluation_analyses" ADD CONSTRAINT "evaluation_analyses_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_analyses" ADD CONSTRAINT "evaluation_analyses_dataset_id_evaluation_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."evaluation_datasets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_analyses" ADD CONSTRAINT "evaluation_analyses_framework_id_evaluation_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."evaluation_frameworks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_datasets" ADD CONSTRAINT "evaluation_datasets_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_frameworks" ADD CONSTRAINT "evaluation_frameworks_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_dataset_id_evaluation_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."evaluation_datasets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_runs" ADD CONSTRAINT "evaluation_runs_framework_id_evaluation_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."evaluation_frameworks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_analyses_centre_idx" ON "evaluation_analyses" USING btree ("centre_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_datasets_content_uq" ON "evaluation_datasets" USING btree ("centre_id","data_sha256","meta_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_frameworks_version_uq" ON "evaluation_frameworks" USING btree ("centre_id","key","version");--> statement-breakpoint
CREATE INDEX "evaluation_runs_centre_idx" ON "evaluation_runs" USING btree ("centre_id","created_at");