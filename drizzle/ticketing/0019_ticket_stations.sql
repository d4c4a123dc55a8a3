CREATE TABLE "ticketing"."removed_trip_stops" (
	"trip_id" uuid NOT NULL,
	"station_id" text NOT NULL,
	"stop_order" integer NOT NULL,
	"code" text DEFAULT '' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"city" text NOT NULL,
	"city_key" text NOT NULL,
	"minutes_from_departure" integer NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	CONSTRAINT "removed_trip_stops_trip_id_station_id_pk" PRIMARY KEY("trip_id","station_id")
);
--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD COLUMN "boarding_station_id" text;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD COLUMN "alighting_station_id" text;--> statement-breakpoint
ALTER TABLE "ticketing"."removed_trip_stops" ADD CONSTRAINT "removed_trip_stops_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "ticketing"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every ticket sold before gets the stations of its stops as they stand. An ended ticket a route edit has already
-- left on orders that now name other stations cannot be told apart here: it gets those stations.
UPDATE "ticketing"."tickets" k
SET "boarding_station_id" = b."station_id", "alighting_station_id" = a."station_id"
FROM "ticketing"."trip_stops" b, "ticketing"."trip_stops" a
WHERE b."trip_id" = k."trip_id" AND b."stop_order" = k."boarding_stop"
  AND a."trip_id" = k."trip_id" AND a."stop_order" = k."alighting_stop";
