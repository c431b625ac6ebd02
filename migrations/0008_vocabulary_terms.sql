CREATE TABLE "vocabulary_terms" (
	"centre_id" text NOT NULL,
	"domain" text NOT NULL,
	"code" text NOT NULL,
	"category" text,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"description" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vocabulary_terms_centre_id_domain_code_pk" PRIMARY KEY("centre_id","domain","code")
);
--> statement-breakpoint
ALTER TABLE "vocabulary_terms" ADD CONSTRAINT "vocabulary_terms_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;