-- Recipients whose phone kept a trunk 0 written after a three-digit African country code (+250 0788… stored as
-- +2500788…): the phone as auth and user keep it today (+250788…), which texts reach.
UPDATE "notification"."recipients"
SET "phone" = regexp_replace("phone", '^\+(2[1-69][0-9])0', '+\1')
WHERE "phone" ~ '^\+2[1-69][0-9]0';
