ALTER TABLE "ticketing"."bookings" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "ticketing"."bookings" ADD COLUMN "request_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_user_idempotency_key_idx" ON "ticketing"."bookings" USING btree ("user_id","idempotency_key") WHERE idempotency_key is not null;