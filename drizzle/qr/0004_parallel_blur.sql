CREATE TABLE "qr"."booking_claims" (
	"booking_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"previous_user_id" uuid,
	"claimed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "sold_by" uuid;