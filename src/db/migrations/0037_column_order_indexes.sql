DROP INDEX "tickets_registered_idx";--> statement-breakpoint
CREATE INDEX "tickets_severity_due_idx" ON "tickets" USING btree ("severity","response_due_at","id");--> statement-breakpoint
CREATE INDEX "tickets_updated_idx" ON "tickets" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "tickets_registered_idx" ON "tickets" USING btree ("registered_at","id");