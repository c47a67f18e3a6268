DROP INDEX "inbound_mail_ticket_idx";--> statement-breakpoint
DROP INDEX "outbound_mail_ticket_idx";--> statement-breakpoint
CREATE INDEX "inbound_mail_ticket_time_idx" ON "inbound_mail" USING btree ("ticket_id","received_at");--> statement-breakpoint
CREATE INDEX "outbound_mail_ticket_time_idx" ON "outbound_mail" USING btree ("ticket_id","created_at");