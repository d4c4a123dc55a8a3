CREATE TABLE "company"."trip_resends" (
	"company_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"trips" integer NOT NULL,
	CONSTRAINT "trip_resends_company_id_hour_pk" PRIMARY KEY("company_id","hour")
);
--> statement-breakpoint
CREATE INDEX "trip_resends_hour_idx" ON "company"."trip_resends" USING btree ("hour");