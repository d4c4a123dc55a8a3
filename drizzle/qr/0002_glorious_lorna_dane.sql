CREATE TABLE "qr"."trip_departures" (
	"trip_id" uuid PRIMARY KEY NOT NULL,
	"departure_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "departure_at" timestamp with time zone;