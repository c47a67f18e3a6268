CREATE TABLE "inbound_mail" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"via" text NOT NULL,
	"sender" text,
	"subject" text,
	"in_reply_to" text,
	"authentication" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"ticket_id" uuid,
	"stored_as" text,
	CONSTRAINT "inbound_mail_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "mail_refusals" (
	"sender" text NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "mail_refusals_sender_day_pk" PRIMARY KEY("sender","day")
);
--> statement-breakpoint
CREATE TABLE "outbound_mail" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outbox_id" bigint NOT NULL,
	"ticket_id" uuid,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"message_id" text NOT NULL,
	"in_reply_to" text,
	"references" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"transport" text NOT NULL,
	CONSTRAINT "outbound_mail_outbox_id_unique" UNIQUE("outbox_id"),
	CONSTRAINT "outbound_mail_message_id_unique" UNIQUE("message_id")
);
--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD CONSTRAINT "inbound_mail_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_mail" ADD CONSTRAINT "outbound_mail_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_mail_received_idx" ON "inbound_mail" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "inbound_mail_ticket_idx" ON "inbound_mail" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "outbound_mail_ticket_idx" ON "outbound_mail" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "outbound_mail_created_idx" ON "outbound_mail" USING btree ("created_at");