CREATE SCHEMA IF NOT EXISTS "qr";
--> statement-breakpoint
CREATE TYPE "qr"."pass_status" AS ENUM('ISSUED', 'BOARDED', 'REVOKED');--> statement-breakpoint
CREATE TABLE "qr"."boarding_passes" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"trip_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seat_number" text NOT NULL,
	"passenger_name" text NOT NULL,
	"token" text NOT NULL,
	"key_id" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"status" "qr"."pass_status" DEFAULT 'ISSUED' NOT NULL,
	"boarded_at" timestamp with time zone,
	"boarded_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qr"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "qr"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "qr"."revoked_bookings" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "boarding_passes_booking_idx" ON "qr"."boarding_passes" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "qr"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "qr"."outbox" USING btree ("published_at");