-- Counter sales of other African countries' numbers typed with a trunk 0 after the country code (+255 0712… stored
-- as +2550712…; migration 0014 rewrote Rwanda's, Uganda's and Kenya's): the phone in the form normalizePhone gives
-- today (+255712…, withoutTrunkZero), so that the walk-in's claim finds them.
UPDATE "ticketing"."bookings"
SET "walk_in_phone" = regexp_replace("walk_in_phone", '^\+(2[1-69][0-9])0', '+\1')
WHERE "walk_in_phone" ~ '^\+2[1-69][0-9]0';
