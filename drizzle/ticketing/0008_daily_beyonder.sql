CREATE TABLE "ticketing"."booking_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"phone" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"code_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"used_at" timestamp with time zone,
	"booking_ids" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "channel" text DEFAULT 'ONLINE' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "sold_by" uuid;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "walk_in_name" text;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "walk_in_phone" text;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "walk_in_language" text;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "walk_in_email" text;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "booking_claims_phone_created_idx" ON "ticketing"."booking_claims" USING btree ("phone","created_at");--> statement-breakpoint
CREATE INDEX "booking_claims_requested_by_created_idx" ON "ticketing"."booking_claims" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "bookings_counter_sales_idx" ON "ticketing"."bookings" USING btree ("company_id","channel","created_at","id") WHERE channel = 'COUNTER';--> statement-breakpoint
CREATE INDEX "bookings_sold_by_open_idx" ON "ticketing"."bookings" USING btree ("sold_by") WHERE channel = 'COUNTER' and status in ('HELD', 'PENDING_PAYMENT');--> statement-breakpoint
CREATE INDEX "bookings_walk_in_phone_idx" ON "ticketing"."bookings" USING btree ("walk_in_phone") WHERE channel = 'COUNTER' and claimed_at is null;