ALTER TABLE "notification"."messages" ADD COLUMN "first_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notification"."messages" ADD COLUMN "send_before" timestamp with time zone;--> statement-breakpoint
-- A message waiting for its next attempt was first tried when its first SENDING was recorded: its retries are counted
-- from then, not from now.
UPDATE "notification"."messages" AS m
  SET "first_attempt_at" = (
    SELECT min(e."at") FROM "notification"."message_events" AS e
    WHERE e."message_id" = m."id" AND e."status"::text = 'SENDING'
  )
  WHERE m."status"::text IN ('RETRYING', 'SENDING');--> statement-breakpoint
-- A claim code not sent yet lapses CLAIM_CODE_MINUTES (10) after it was asked for (the ticketing subgraph's codes).
UPDATE "notification"."messages"
  SET "send_before" = "created_at" + interval '10 minutes'
  WHERE "kind"::text = 'CLAIM_CODE' AND "status"::text IN ('PENDING', 'RETRYING', 'SENDING');
