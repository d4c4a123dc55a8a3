-- The phone or mailbox an address reaches, however it is written: what the per-address limit counts by (an account
-- written `+2500788…` or `victim+1@gmail.com` had an allowance of its own). A phone: without spaces, dashes, dots or
-- brackets, `00` as `+`, and without a trunk 0 after a three-digit African country code (`+2500788…` is `+250788…`).
-- An e-mail: in lower case, without its `+tag`, and at Gmail without the dots of its local part.
CREATE FUNCTION "notification"."mailbox"(address text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN position('@' IN address) > 0 THEN (
      SELECT CASE
        WHEN domain IN ('gmail.com', 'googlemail.com') THEN replace(local, '.', '') || '@gmail.com'
        ELSE local || '@' || domain
      END
      FROM (
        SELECT split_part(lower(split_part(address, '@', 1)), '+', 1) AS local,
               lower(split_part(address, '@', 2)) AS domain
      ) AS parts
    )
    ELSE regexp_replace(
      regexp_replace(regexp_replace(address, '[[:space:]().-]', '', 'g'), '^00', '+'),
      '^\+(2[1-69][0-9])0', '+\1'
    )
  END
$$;--> statement-breakpoint
DROP INDEX "notification"."messages_address_created_idx";--> statement-breakpoint
ALTER TABLE "notification"."messages" ADD COLUMN "mailbox" text GENERATED ALWAYS AS ("notification"."mailbox"("address")) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_mailbox_created_idx" ON "notification"."messages" USING btree ("mailbox","created_at");
