ALTER TABLE "payment"."refunds" ADD COLUMN "code_hash" text;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "code_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "codes_sent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "code_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment"."refunds" ADD COLUMN "hand_out_proof" text;