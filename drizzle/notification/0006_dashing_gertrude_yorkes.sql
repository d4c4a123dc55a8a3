ALTER TYPE "notification"."message_kind" ADD VALUE 'ROUTE_CHANGED';--> statement-breakpoint
ALTER TABLE "notification"."bookings" ADD COLUMN "stops_version" integer DEFAULT 0 NOT NULL;