CREATE SCHEMA IF NOT EXISTS "notification";
--> statement-breakpoint
CREATE TYPE "notification"."channel" AS ENUM('SMS', 'EMAIL');--> statement-breakpoint
CREATE TYPE "notification"."message_kind" AS ENUM('BOOKING_CONFIRMED', 'HOLD_EXPIRING', 'TRIP_DELAYED', 'TRIP_RESCHEDULED', 'TRIP_CANCELLED', 'REFUND_SENT');--> statement-breakpoint
CREATE TYPE "notification"."message_status" AS ENUM('PENDING', 'SENDING', 'RETRYING', 'SENT', 'FAILED');--> statement-breakpoint
CREATE TABLE "notification"."bookings" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"trip_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"tickets" jsonb NOT NULL,
	"amount" integer,
	"currency" text,
	"expires_at" timestamp with time zone,
	"remind_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."companies" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."message_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"status" "notification"."message_status" NOT NULL,
	"attempt" integer NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"channel" "notification"."channel" NOT NULL,
	"kind" "notification"."message_kind" NOT NULL,
	"address" text NOT NULL,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"booking_id" uuid,
	"trip_id" uuid,
	"status" "notification"."message_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"traceparent" text
);
--> statement-breakpoint
CREATE TABLE "notification"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "notification"."recipients" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"full_name" text,
	"email" text,
	"phone" text,
	"profile_language" text,
	"channels" "notification"."channel"[],
	"language" text,
	"profile_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification"."trips" (
	"trip_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"destination" text NOT NULL,
	"departure_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "bookings_trip_idx" ON "notification"."bookings" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "bookings_remind_idx" ON "notification"."bookings" USING btree ("remind_at") WHERE remind_at is not null;--> statement-breakpoint
CREATE INDEX "message_events_message_idx" ON "notification"."message_events" USING btree ("message_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe_idx" ON "notification"."messages" USING btree ("dedupe_key","user_id","channel");--> statement-breakpoint
CREATE INDEX "messages_due_idx" ON "notification"."messages" USING btree ("next_attempt_at") WHERE status in ('PENDING', 'RETRYING', 'SENDING');--> statement-breakpoint
CREATE INDEX "messages_created_idx" ON "notification"."messages" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "messages_user_idx" ON "notification"."messages" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "notification"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "notification"."outbox" USING btree ("published_at");