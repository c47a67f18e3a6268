CREATE INDEX "attachments_ticket_idx" ON "attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "tickets_contact_idx" ON "tickets" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "tickets_follows_up_idx" ON "tickets" USING btree ("follows_up_id") WHERE "tickets"."follows_up_id" is not null;