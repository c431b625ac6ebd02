CREATE TABLE "entity_counts" (
	"centre_id" text NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"area_id" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "entity_counts_centre_id_category_kind_area_id_pk" PRIMARY KEY("centre_id","category","kind","area_id")
);
