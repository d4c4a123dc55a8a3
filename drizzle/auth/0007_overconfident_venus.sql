ALTER TABLE "auth"."refresh_tokens" ADD COLUMN "family_started_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- A sign-in began when its first token was made: the oldest row of its family (rows go by whole families).
UPDATE "auth"."refresh_tokens" AS r
  SET "family_started_at" = f."started"
  FROM (SELECT "family_id", min("created_at") AS "started" FROM "auth"."refresh_tokens" GROUP BY "family_id") AS f
  WHERE r."family_id" = f."family_id";
