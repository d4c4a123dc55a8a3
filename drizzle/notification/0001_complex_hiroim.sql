ALTER TABLE "notification"."bookings" ADD COLUMN "boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "notification"."bookings" ADD COLUMN "alighting_stop" integer;--> statement-breakpoint
ALTER TABLE "notification"."trips" ADD COLUMN "stops" jsonb DEFAULT '[]'::jsonb NOT NULL;