ALTER TABLE "auth"."password_resets" ADD COLUMN "wrong_tries" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "auth"."password_resets" ADD COLUMN "requested_from" text;