ALTER TABLE "auth"."users" ADD COLUMN "role_decision" bigint;--> statement-breakpoint
ALTER TABLE "auth"."users" ADD COLUMN "status_decision" bigint;