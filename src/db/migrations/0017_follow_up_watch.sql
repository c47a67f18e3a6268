ALTER TABLE "tickets" ADD COLUMN "follow_up_warned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_breached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_follow_up_watch_idx" ON "tickets" USING btree ("follow_up_warn_at") WHERE "tickets"."follow_up_due_at" is not null and "tickets"."follow_up_breached_at" is null;