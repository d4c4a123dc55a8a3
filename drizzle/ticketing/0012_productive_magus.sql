-- A seller's key reused after its earlier sale was claimed (allowed while keys were per owner): the older sale
-- drops its key, so the index of one booking per holder and key can be built.
UPDATE "ticketing"."bookings" AS b SET "idempotency_key" = NULL
WHERE b."idempotency_key" IS NOT NULL AND EXISTS (
  SELECT 1 FROM "ticketing"."bookings" AS o
  WHERE o."idempotency_key" = b."idempotency_key"
    AND coalesce(o."sold_by", o."user_id") = coalesce(b."sold_by", b."user_id")
    AND (o."created_at", o."id") > (b."created_at", b."id")
);--> statement-breakpoint
DROP INDEX "ticketing"."bookings_user_idempotency_key_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_holder_idempotency_key_idx" ON "ticketing"."bookings" USING btree (coalesce("sold_by", "user_id"),"idempotency_key") WHERE idempotency_key is not null;