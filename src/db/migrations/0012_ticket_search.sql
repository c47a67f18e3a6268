-- Trigrams match parts of words and of request numbers; a trusted extension, so the database's owner may add it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "attachments_name_trgm_idx" ON "attachments" USING gin ("file_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ticket_messages_search_idx" ON "ticket_messages" USING gin (to_tsvector('russian'::regconfig, "body"));--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ((setweight(to_tsvector('russian'::regconfig, "subject"), 'A') || setweight(to_tsvector('russian'::regconfig, "description"), 'B')));--> statement-breakpoint
CREATE INDEX "tickets_subject_trgm_idx" ON "tickets" USING gin ("subject" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tickets_number_trgm_idx" ON "tickets" USING gin ("number" gin_trgm_ops);