DROP INDEX "payment"."payments_pending_created_idx";--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "status_checks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "failures" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "payments_pending_next_check_idx" ON "payment"."payments" USING btree ("next_check_at") WHERE status = 'PENDING';--> statement-breakpoint
CREATE INDEX "refunds_failed_idx" ON "payment"."refunds" USING btree ("created_at") WHERE status = 'FAILED';--> statement-breakpoint
-- Payments left PENDING by the previous version are checked on the next pass.
UPDATE "payment"."payments" SET "next_check_at" = now() WHERE "status" = 'PENDING' AND "next_check_at" IS NULL;
