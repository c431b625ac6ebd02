ALTER TABLE "evaluation_datasets" ADD COLUMN "origin" jsonb;--> statement-breakpoint
ALTER TABLE "evaluation_datasets" ADD COLUMN "cell_sources" jsonb;