ALTER TYPE "payment"."refund_status" ADD VALUE 'DUE';--> statement-breakpoint
CREATE INDEX "refunds_status_created_idx" ON "payment"."refunds" USING btree ("status","created_at","id");