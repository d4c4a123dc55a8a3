CREATE TABLE "ticketing"."company_policies" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"refund_tiers" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL
);
