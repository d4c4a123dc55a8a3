ALTER TABLE "payment"."cash_shifts" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
-- Every shift closed before an admin could close one for its agent was closed by that agent.
UPDATE "payment"."cash_shifts" SET "closed_by" = "agent_id" WHERE "status" = 'CLOSED';
