ALTER TABLE "notification"."bookings" ADD COLUMN "payment_id" uuid;--> statement-breakpoint
ALTER TABLE "notification"."messages" ADD COLUMN "typed_by_company_id" uuid;