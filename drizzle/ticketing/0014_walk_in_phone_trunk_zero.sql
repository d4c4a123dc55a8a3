-- Counter sales sold while a trunk 0 written after the country code was kept (+250 0788… stored as +2500788…): the
-- phone in the form normalizePhone gives today (+250788…), so that the walk-in's claim finds them. Rwanda, Uganda
-- and Kenya are the markets whose numbers drop it.
UPDATE "ticketing"."bookings"
SET "walk_in_phone" = regexp_replace("walk_in_phone", '^\+(250|256|254)0', '+\1')
WHERE "walk_in_phone" ~ '^\+(250|256|254)0';
