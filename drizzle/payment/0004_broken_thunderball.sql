ALTER TABLE "payment"."outbox" ADD COLUMN "traceparent" text;--> statement-breakpoint
ALTER TABLE "payment"."payments" ADD COLUMN "traceparent" text;