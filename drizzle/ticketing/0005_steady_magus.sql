-- Segments (docs/segments.md): a ticket takes its seat from its boarding stop to its alighting stop.
-- Tickets sold before become whole-route tickets: first to last stop of their trip.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD COLUMN "boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD COLUMN "alighting_stop" integer;--> statement-breakpoint
UPDATE "ticketing"."tickets" k SET "boarding_stop" = r.first, "alighting_stop" = greatest(r.last, r.first + 1)
  FROM (
    SELECT t.id, coalesce(min(s.stop_order), 0) AS first, coalesce(max(s.stop_order), 1) AS last
    FROM "ticketing"."trips" t LEFT JOIN "ticketing"."trip_stops" s ON s.trip_id = t.id
    GROUP BY t.id
  ) r
  WHERE r.id = k.trip_id;--> statement-breakpoint
UPDATE "ticketing"."tickets" SET "boarding_stop" = 0, "alighting_stop" = 1 WHERE "boarding_stop" IS NULL;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ALTER COLUMN "boarding_stop" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ALTER COLUMN "alighting_stop" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ticketing"."tickets" ADD CONSTRAINT "tickets_segment_check" CHECK ("ticketing"."tickets"."boarding_stop" < "ticketing"."tickets"."alighting_stop");--> statement-breakpoint
-- Replaces the unique index over (trip, seat): active tickets of one seat may not overlap.
ALTER TABLE "ticketing"."tickets" ADD CONSTRAINT "tickets_active_segment_excl" EXCLUDE USING gist (
  "trip_id" WITH =, "seat_label" WITH =, int4range("boarding_stop", "alighting_stop") WITH &&
) WHERE (status in ('HELD', 'CONFIRMED', 'BOARDED'));--> statement-breakpoint
DROP INDEX "ticketing"."tickets_active_seat_key";
