-- Idempotent: an earlier form of this migration (0008_dark_boom_boom, two of these columns) ran on some databases,
-- which then run this one as well.
ALTER TABLE "qr"."boarding_passes" ADD COLUMN IF NOT EXISTS "signed_boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN IF NOT EXISTS "signed_alighting_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN IF NOT EXISTS "stops_version" integer;
