CREATE SCHEMA IF NOT EXISTS "ticketing";
--> statement-breakpoint
CREATE TYPE "ticketing"."booking_status" AS ENUM('HELD', 'PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUNDED');--> statement-breakpoint
CREATE TYPE "ticketing"."ticket_status" AS ENUM('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'REFUNDED', 'BOARDED');--> statement-breakpoint
CREATE TABLE "ticketing"."bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"trip_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"status" "ticketing"."booking_status" DEFAULT 'HELD' NOT NULL,
	"total_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"expires_at" timestamp with time zone,
	"payment_id" text,
	"cancellation_reason" text,
	"refund_amount" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticketing"."outbox" (
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
CREATE TABLE "ticketing"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "ticketing"."tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"trip_id" uuid NOT NULL,
	"seat_label" text NOT NULL,
	"passenger_name" text NOT NULL,
	"status" "ticketing"."ticket_status" DEFAULT 'HELD' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticketing"."trip_seats" (
	"trip_id" uuid NOT NULL,
	"label" text NOT NULL,
	"deck" integer DEFAULT 1 NOT NULL,
	"row" integer DEFAULT 1 NOT NULL,
	"column" text DEFAULT '' NOT NULL,
	CONSTRAINT "trip_seats_trip_id_label_pk" PRIMARY KEY("trip_id","label")
);
--> statement-breakpoint
CREATE TABLE "ticketing"."trip_stops" (
	"trip_id" uuid NOT NULL,
	"stop_order" integer NOT NULL,
	"station_id" text,
	"code" text DEFAULT '' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"city" text NOT NULL,
	"city_key" text NOT NULL,
	"minutes_from_departure" integer NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"local_date" date NOT NULL,
	CONSTRAINT "trip_stops_trip_id_stop_order_pk" PRIMARY KEY("trip_id","stop_order")
);
--> statement-breakpoint
CREATE TABLE "ticketing"."trips" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"route_id" uuid,
	"version" integer NOT NULL,
	"departure_at" timestamp with time zone NOT NULL,
	"arrival_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"price_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"seat_count" integer NOT NULL,
	"refund_tiers" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD CONSTRAINT "bookings_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "ticketing"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD CONSTRAINT "tickets_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "ticketing"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticketing"."trip_seats" ADD CONSTRAINT "trip_seats_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "ticketing"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticketing"."trip_stops" ADD CONSTRAINT "trip_stops_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "ticketing"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_user_created_idx" ON "ticketing"."bookings" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "bookings_trip_status_idx" ON "ticketing"."bookings" USING btree ("trip_id","status");--> statement-breakpoint
CREATE INDEX "bookings_expiring_idx" ON "ticketing"."bookings" USING btree ("expires_at") WHERE status in ('HELD', 'PENDING_PAYMENT');--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "ticketing"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "ticketing"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "tickets_booking_idx" ON "ticketing"."tickets" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "tickets_trip_seat_idx" ON "ticketing"."tickets" USING btree ("trip_id","seat_label");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_active_seat_key" ON "ticketing"."tickets" USING btree ("trip_id","seat_label") WHERE status in ('HELD', 'CONFIRMED', 'BOARDED');--> statement-breakpoint
CREATE INDEX "trip_stops_search_idx" ON "ticketing"."trip_stops" USING btree ("city_key","local_date","departs_at");--> statement-breakpoint
CREATE INDEX "trip_stops_trip_city_idx" ON "ticketing"."trip_stops" USING btree ("trip_id","city_key");