ALTER TABLE "tickets" ADD COLUMN "awaiting_support_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "follow_up_warn_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_awaiting_support_idx" ON "tickets" USING btree ("awaiting_support_since","id") WHERE "tickets"."awaiting_support_since" is not null;--> statement-breakpoint
-- Requests already open: awaiting support from registration until the first response, and afterwards
-- from the first customer message after support's latest public reply.
UPDATE "tickets" AS t SET "awaiting_support_since" = CASE
  WHEN t."first_response_at" IS NULL THEN t."registered_at"
  ELSE (
    SELECT min(m."created_at") FROM "ticket_messages" AS m
    WHERE m."ticket_id" = t."id" AND m."visibility" = 'public' AND m."author_type" = 'contact'
      AND m."created_at" > (
        SELECT coalesce(max(r."created_at"), t."first_response_at") FROM "ticket_messages" AS r
        WHERE r."ticket_id" = t."id" AND r."visibility" = 'public' AND r."author_type" = 'agent'
      )
  )
END
WHERE t."status" <> 'closed';
