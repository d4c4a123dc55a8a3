CREATE TABLE "notification"."cash_payments" (
	"payment_id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL
);
