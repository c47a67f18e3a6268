DROP INDEX "ticket_messages_search_idx";--> statement-breakpoint
DROP INDEX "tickets_search_idx";--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, "body")) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_document" tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('russian'::regconfig, "subject"), 'A') || setweight(to_tsvector('russian'::regconfig, "description"), 'B'))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "ticket_messages_search_document_idx" ON "ticket_messages" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "tickets_search_document_idx" ON "tickets" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "tickets_registered_idx" ON "tickets" USING btree ("registered_at");