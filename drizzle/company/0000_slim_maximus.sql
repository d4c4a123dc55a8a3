CREATE SCHEMA IF NOT EXISTS "company";
--> statement-breakpoint
CREATE TABLE "company"."buses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"plate_number" text NOT NULL,
	"model" text NOT NULL,
	"amenities" text[] DEFAULT '{}'::text[] NOT NULL,
	"seat_layout" jsonb NOT NULL,
	"seat_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company"."companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"refund_tiers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company"."drivers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"licence_number" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company"."outbox" (
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
CREATE TABLE "company"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "company"."route_stops" (
	"route_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"station_id" uuid NOT NULL,
	"minutes_from_departure" integer NOT NULL,
	CONSTRAINT "route_stops_route_id_position_pk" PRIMARY KEY("route_id","position")
);
--> statement-breakpoint
CREATE TABLE "company"."routes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"name" text NOT NULL,
	"distance_km" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company"."stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company"."trips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"bus_id" uuid NOT NULL,
	"driver_id" uuid,
	"departure_at" timestamp with time zone NOT NULL,
	"arrival_at" timestamp with time zone NOT NULL,
	"price_amount" integer NOT NULL,
	"price_currency" text NOT NULL,
	"status" text DEFAULT 'SCHEDULED' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "company"."buses" ADD CONSTRAINT "buses_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "company"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."drivers" ADD CONSTRAINT "drivers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "company"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."route_stops" ADD CONSTRAINT "route_stops_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "company"."routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."route_stops" ADD CONSTRAINT "route_stops_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "company"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."routes" ADD CONSTRAINT "routes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "company"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."trips" ADD CONSTRAINT "trips_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "company"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."trips" ADD CONSTRAINT "trips_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "company"."routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."trips" ADD CONSTRAINT "trips_bus_id_buses_id_fk" FOREIGN KEY ("bus_id") REFERENCES "company"."buses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company"."trips" ADD CONSTRAINT "trips_driver_id_drivers_id_fk" FOREIGN KEY ("driver_id") REFERENCES "company"."drivers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buses_plate_number_key" ON "company"."buses" USING btree ("plate_number");--> statement-breakpoint
CREATE INDEX "buses_company_plate_id_idx" ON "company"."buses" USING btree ("company_id","plate_number","id");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_slug_key" ON "company"."companies" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_name_id_idx" ON "company"."companies" USING btree ("name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "drivers_company_licence_key" ON "company"."drivers" USING btree ("company_id","licence_number");--> statement-breakpoint
CREATE INDEX "drivers_company_name_id_idx" ON "company"."drivers" USING btree ("company_id","name","id");--> statement-breakpoint
CREATE INDEX "drivers_user_id_idx" ON "company"."drivers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "company"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "company"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "route_stops_station_idx" ON "company"."route_stops" USING btree ("station_id");--> statement-breakpoint
CREATE UNIQUE INDEX "routes_company_name_key" ON "company"."routes" USING btree ("company_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_code_key" ON "company"."stations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_name_id_idx" ON "company"."stations" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "stations_city_name_id_idx" ON "company"."stations" USING btree (lower("city"),"name","id");--> statement-breakpoint
CREATE INDEX "trips_departure_id_idx" ON "company"."trips" USING btree ("departure_at","id");--> statement-breakpoint
CREATE INDEX "trips_company_departure_id_idx" ON "company"."trips" USING btree ("company_id","departure_at","id");--> statement-breakpoint
CREATE INDEX "trips_bus_departure_idx" ON "company"."trips" USING btree ("bus_id","departure_at");--> statement-breakpoint
CREATE INDEX "trips_driver_departure_idx" ON "company"."trips" USING btree ("driver_id","departure_at");--> statement-breakpoint
CREATE INDEX "trips_route_departure_idx" ON "company"."trips" USING btree ("route_id","departure_at");