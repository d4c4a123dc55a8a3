ALTER TABLE "notification"."bookings" ADD COLUMN "boarding_station_id" text;--> statement-breakpoint
ALTER TABLE "notification"."bookings" ADD COLUMN "alighting_station_id" text;--> statement-breakpoint
-- A change of time not sent yet kept the trip's first departure the passenger had been told; it now keeps the time at
-- their own stop: moved by their stop's minutes from the departure (as the trip's stops stand now).
UPDATE "notification"."messages" AS m
  SET "previous_departure_at" = m."previous_departure_at" + (s.value->>'minutesFromDeparture')::numeric * interval '1 minute'
  FROM "notification"."bookings" AS b, "notification"."trips" AS t, jsonb_array_elements(t."stops") AS s
  WHERE m."booking_id" = b."booking_id" AND t."trip_id" = b."trip_id" AND (s.value->>'order')::int = b."boarding_stop"
    AND m."kind"::text IN ('TRIP_DELAYED', 'TRIP_RESCHEDULED') AND m."status"::text IN ('PENDING', 'RETRYING', 'SENDING')
    AND m."previous_departure_at" IS NOT NULL;
