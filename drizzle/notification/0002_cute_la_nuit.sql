ALTER TYPE "notification"."message_kind" ADD VALUE 'CLAIM_CODE';--> statement-breakpoint
ALTER TABLE "notification"."messages" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification"."bookings" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "notification"."bookings" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification"."companies" ADD COLUMN "time_zone" text;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe_unaddressed_idx" ON "notification"."messages" USING btree ("dedupe_key","channel") WHERE user_id is null;