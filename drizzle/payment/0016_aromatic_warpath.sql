ALTER TABLE "payment"."payments" ADD COLUMN "requested_at" timestamp with time zone;--> statement-breakpoint
-- Payments made before this column existed count as requested: none of them is sent again.
UPDATE "payment"."payments" SET "requested_at" = "created_at" WHERE "method"::text <> 'CASH';
