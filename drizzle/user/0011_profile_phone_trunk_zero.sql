-- Profiles whose phone kept a trunk 0 written after a three-digit African country code (+250 0788… stored as
-- +2500788…): the phone in the form sign-up and updateProfile give today (+250788…, withoutTrunkZero), so that texts
-- reach it and the limits counting them agree.
UPDATE "user"."profiles"
SET "phone" = regexp_replace("phone", '^\+(2[1-69][0-9])0', '+\1')
WHERE "phone" ~ '^\+2[1-69][0-9]0';
