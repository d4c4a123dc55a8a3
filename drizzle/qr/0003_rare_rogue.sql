ALTER TABLE "qr"."boarding_passes" ADD COLUMN "boarding_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "alighting_stop" integer;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "boarding_name" text;--> statement-breakpoint
ALTER TABLE "qr"."boarding_passes" ADD COLUMN "alighting_name" text;