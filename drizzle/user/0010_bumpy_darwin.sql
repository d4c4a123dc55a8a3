-- Zones named by an abbreviation ("CAT", "IST"), as events once carried them: Postgres reads them otherwise than the
-- other services' Intl, or not at all. They count as none (the company's next source, else Africa/Kigali) until the
-- company's next event, whose zone the projection now keeps only as an IANA name.
UPDATE "user"."dash_companies" SET "time_zone" = NULL WHERE "time_zone" NOT LIKE '%/%' AND upper("time_zone") <> 'UTC';--> statement-breakpoint
UPDATE "user"."dash_trips" SET "time_zone" = NULL WHERE "time_zone" NOT LIKE '%/%' AND upper("time_zone") <> 'UTC';
