-- Zones named by an abbreviation ("CAT", "IST"), as events once carried them: Postgres reads them otherwise than the
-- other services' Intl, or not at all. They count as none (the company's next source, else Africa/Kigali), as in
-- every other service; the company subgraph gives the African ones their IANA names, which its next event carries.
UPDATE "user"."dash_companies" SET "time_zone" = NULL WHERE "time_zone" NOT LIKE '%/%' AND upper("time_zone") <> 'UTC';--> statement-breakpoint
UPDATE "user"."dash_trips" SET "time_zone" = NULL WHERE "time_zone" NOT LIKE '%/%' AND upper("time_zone") <> 'UTC';
