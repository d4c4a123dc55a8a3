CREATE SCHEMA IF NOT EXISTS "user";
--> statement-breakpoint
CREATE TYPE "user"."role" AS ENUM('PASSENGER', 'DRIVER', 'COMPANY_ADMIN', 'PLATFORM_ADMIN');--> statement-breakpoint
CREATE TABLE "user"."outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user"."processed_events" (
	"consumer" text NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processed_events_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
CREATE TABLE "user"."profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"phone" text,
	"avatar_url" text,
	"language" text DEFAULT 'en' NOT NULL,
	"email" text NOT NULL,
	"role" "user"."role" DEFAULT 'PASSENGER' NOT NULL,
	"company_id" uuid,
	"suspended_at" timestamp with time zone,
	"suspension_reason" text,
	"registered_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user"."search_terms" (
	"term" text NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "search_terms_user_id_term_pk" PRIMARY KEY("user_id","term")
);
--> statement-breakpoint
ALTER TABLE "user"."search_terms" ADD CONSTRAINT "search_terms_user_id_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "user"."profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "user"."outbox" USING btree ("seq") WHERE published_at is null;--> statement-breakpoint
CREATE INDEX "outbox_published_at_idx" ON "user"."outbox" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "profiles_registered_idx" ON "user"."profiles" USING btree ("registered_at","user_id");--> statement-breakpoint
CREATE INDEX "profiles_role_registered_idx" ON "user"."profiles" USING btree ("role","registered_at","user_id");--> statement-breakpoint
CREATE INDEX "search_terms_term_idx" ON "user"."search_terms" USING btree ("term" text_pattern_ops,"user_id");