-- Time zones are IANA names only (packages/shared/src/time-zone.ts); companies saved earlier with the abbreviation
-- of an African zone get that zone's name. Any other abbreviation stays for the company's admin to correct: the
-- other services read it as no zone (Africa/Kigali).
UPDATE "company"."companies" SET "time_zone" = CASE upper("time_zone")
  WHEN 'CAT' THEN 'Africa/Maputo'
  WHEN 'EAT' THEN 'Africa/Nairobi'
  WHEN 'WAT' THEN 'Africa/Lagos'
  WHEN 'SAST' THEN 'Africa/Johannesburg'
  WHEN 'GMT' THEN 'UTC'
  WHEN 'UTC' THEN 'UTC'
  ELSE "time_zone" END
WHERE "time_zone" NOT LIKE '%/%';
