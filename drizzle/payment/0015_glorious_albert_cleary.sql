ALTER TABLE "payment"."refunds" ADD COLUMN "attempt_in_flight" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A PENDING refund attempted before this column existed may have had an attempt whose outcome was never recorded
-- (its process stopped while the provider answered): its next attempt counts as one after an unclear outcome.
UPDATE "payment"."refunds" SET "attempt_in_flight" = true WHERE "status" = 'PENDING' AND "attempts" > 0;
