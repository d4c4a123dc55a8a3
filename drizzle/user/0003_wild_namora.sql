ALTER TABLE "user"."dash_bookings" ADD COLUMN "boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "user"."dash_bookings" ADD COLUMN "alighting_stop" integer;--> statement-breakpoint
ALTER TABLE "user"."dash_trips" ADD COLUMN "stops" jsonb;