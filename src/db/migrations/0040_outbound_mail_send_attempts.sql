ALTER TABLE "outbound_mail" ADD COLUMN "send_attempts" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- A mail sent before the count was kept was handed to the server at least once.
UPDATE "outbound_mail" SET "send_attempts" = 1 WHERE "sent_at" IS NOT NULL;
