ALTER TABLE "user"."dash_bookings" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "user"."dash_bookings" ADD COLUMN "sold_by" uuid;--> statement-breakpoint
ALTER TABLE "user"."dash_companies" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "user"."dash_companies" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "user"."dash_trips" ADD COLUMN "time_zone" text;