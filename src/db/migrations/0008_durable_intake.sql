ALTER TABLE "telegram_updates" ALTER COLUMN "handled_at" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD COLUMN "return_path" text;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_mail" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "payload" jsonb;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "telegram_updates" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "intake_key" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "intake_key" text;--> statement-breakpoint
CREATE INDEX "inbound_mail_pending_idx" ON "inbound_mail" USING btree ("next_attempt_at") WHERE "inbound_mail"."outcome" = 'received';--> statement-breakpoint
CREATE INDEX "telegram_updates_pending_idx" ON "telegram_updates" USING btree ("next_attempt_at") WHERE "telegram_updates"."handled_at" is null;--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD CONSTRAINT "ticket_messages_intake_key_unique" UNIQUE("intake_key");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_intake_key_unique" UNIQUE("intake_key");--> statement-breakpoint
-- Mail an older version left half-taken is processed again from its stored copy.
UPDATE "inbound_mail" SET "next_attempt_at" = now() WHERE "outcome" = 'received';
