ALTER TABLE "qr"."boarding_passes" ADD COLUMN "signed_boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "signed_alighting_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "stops_version" integer;