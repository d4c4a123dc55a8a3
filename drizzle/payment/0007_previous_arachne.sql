CREATE TYPE "payment"."cash_shift_status" AS ENUM('OPEN', 'CLOSED');--> statement-breakpoint
ALTER TYPE "payment"."payment_method" ADD VALUE 'CASH';--> statement-breakpoint
CREATE TABLE "payment"."cash_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"status" "payment"."cash_shift_status" DEFAULT 'OPEN' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payment"."payable_bookings" ADD COLUMN "channel" text DEFAULT 'ONLINE' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."payable_bookings" ADD COLUMN "sold_by" uuid;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "shift_id" uuid;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "cash_received" integer;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "shift_id" uuid;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "agent_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "cash_shifts_one_open_per_agent_idx" ON "payment"."cash_shifts" USING btree ("agent_id") WHERE status = 'OPEN';--> statement-breakpoint
CREATE INDEX "cash_shifts_company_opened_idx" ON "payment"."cash_shifts" USING btree ("company_id","opened_at","id");--> statement-breakpoint
CREATE INDEX "payments_shift_idx" ON "payment"."payments" USING btree ("shift_id") WHERE shift_id is not null;--> statement-breakpoint
CREATE INDEX "refunds_shift_idx" ON "payment"."refunds" USING btree ("shift_id") WHERE shift_id is not null;