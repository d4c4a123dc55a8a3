CREATE TABLE "user"."dash_boardings" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid,
	"trip_id" uuid NOT NULL,
	"company_id" uuid,
	"boarded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."dash_bookings" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"trip_id" uuid,
	"company_id" uuid,
	"seats" integer DEFAULT 0 NOT NULL,
	"total_amount" integer,
	"currency" text,
	"departure_at" timestamp with time zone,
	"arrival_at" timestamp with time zone,
	"held_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"status" text GENERATED ALWAYS AS (case when cancelled_at is not null then 'CANCELLED' when confirmed_at is not null then 'CONFIRMED' when expired_at is not null then 'EXPIRED' else 'HELD' end) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."dash_companies" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."dash_payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"user_id" uuid,
	"company_id" uuid,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"succeeded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."dash_refunds" (
	"refund_id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"user_id" uuid,
	"company_id" uuid,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."dash_trips" (
	"trip_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"route_id" uuid,
	"origin_city" text,
	"destination_city" text,
	"departure_at" timestamp with time zone,
	"arrival_at" timestamp with time zone,
	"seat_count" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"snapshot_version" integer DEFAULT 0 NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dash_boardings_trip_idx" ON "user"."dash_boardings" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "dash_bookings_user_idx" ON "user"."dash_bookings" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dash_bookings_trip_idx" ON "user"."dash_bookings" USING btree ("trip_id");--> statement-breakpoint
CREATE INDEX "dash_bookings_company_confirmed_idx" ON "user"."dash_bookings" USING btree ("company_id","confirmed_at");--> statement-breakpoint
CREATE INDEX "dash_bookings_company_cancelled_idx" ON "user"."dash_bookings" USING btree ("company_id","cancelled_at");--> statement-breakpoint
CREATE INDEX "dash_payments_company_time_idx" ON "user"."dash_payments" USING btree ("company_id","succeeded_at");--> statement-breakpoint
CREATE INDEX "dash_payments_user_idx" ON "user"."dash_payments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dash_payments_booking_idx" ON "user"."dash_payments" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "dash_refunds_company_time_idx" ON "user"."dash_refunds" USING btree ("company_id","refunded_at");--> statement-breakpoint
CREATE INDEX "dash_refunds_user_idx" ON "user"."dash_refunds" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "dash_refunds_booking_idx" ON "user"."dash_refunds" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "dash_trips_company_departure_idx" ON "user"."dash_trips" USING btree ("company_id","departure_at","trip_id");