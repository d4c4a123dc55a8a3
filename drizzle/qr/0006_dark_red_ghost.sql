CREATE TABLE "qr"."refunded_payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"refunded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "payment_id" uuid;