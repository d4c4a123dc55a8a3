CREATE TABLE "company"."route_fares" (
	"route_id" uuid NOT NULL,
	"boarding_position" integer NOT NULL,
	"alighting_position" integer NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	CONSTRAINT "route_fares_route_id_boarding_position_alighting_position_pk" PRIMARY KEY("route_id","boarding_position","alighting_position")
);
--> statement-breakpoint
ALTER TABLE "company"."route_fares" ADD CONSTRAINT "route_fares_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "company"."routes"("id") ON DELETE cascade ON UPDATE no action;