ALTER TABLE "payment"."payments" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "country" text;