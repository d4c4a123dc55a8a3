ALTER TABLE "notification"."messages" ADD COLUMN "code" text;--> statement-breakpoint
-- A delivered message keeps no code: `code` is cleared and, for a text written with its code in it (before this
-- migration), the code masked in what is kept.
CREATE FUNCTION "notification"."messages_forget_code"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status::text IN ('SENT', 'FAILED') THEN
    NEW.code := NULL;
    IF NEW.kind::text IN ('CLAIM_CODE', 'REFUND_DUE') THEN
      NEW.body := regexp_replace(NEW.body, '\m\d{6}\M', '******', 'g');
      NEW.subject := regexp_replace(NEW.subject, '\m\d{6}\M', '******', 'g');
    END IF;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "messages_forget_code" BEFORE INSERT OR UPDATE ON "notification"."messages"
  FOR EACH ROW EXECUTE FUNCTION "notification"."messages_forget_code"();--> statement-breakpoint
-- The codes of messages written and delivered before, masked in what is kept (a code is six digits on its own).
UPDATE "notification"."messages"
  SET "body" = regexp_replace("body", '\m\d{6}\M', '******', 'g'),
      "subject" = regexp_replace("subject", '\m\d{6}\M', '******', 'g')
  WHERE "kind"::text IN ('CLAIM_CODE', 'REFUND_DUE') AND "status"::text IN ('SENT', 'FAILED');
