CREATE TABLE "qr"."cancelled_trips" (
	"trip_id" uuid PRIMARY KEY NOT NULL,
	"cancelled_at" timestamp with time zone DEFAULT now() NOT NULL
);
