ALTER TABLE "qr"."trip_departures" ADD COLUMN "driver_user_id" uuid;--> statement-breakpoint
ALTER TABLE "qr"."trip_departures" ADD COLUMN "driver_known" boolean DEFAULT false NOT NULL;