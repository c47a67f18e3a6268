CREATE TABLE "telegram_push_parts" (
	"outbox_id" bigint NOT NULL,
	"part" integer NOT NULL,
	"message_id" bigint NOT NULL,
	CONSTRAINT "telegram_push_parts_outbox_id_part_pk" PRIMARY KEY("outbox_id","part")
);
--> statement-breakpoint
DROP INDEX "outbox_pending_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "order_key" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claimed_by" uuid;--> statement-breakpoint
CREATE INDEX "outbox_order_idx" ON "outbox" USING btree ("topic","order_key","id") WHERE "outbox"."delivered_at" is null and "outbox"."failed_at" is null and "outbox"."order_key" is not null;--> statement-breakpoint
CREATE INDEX "outbox_delivered_idx" ON "outbox" USING btree ("delivered_at") WHERE "outbox"."delivered_at" is not null;--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("topic","id") WHERE "outbox"."delivered_at" is null and "outbox"."failed_at" is null;--> statement-breakpoint
-- Every write to the outbox is announced, once per topic and transaction, so the delivery loops of every
-- instance wake at once instead of polling.
CREATE FUNCTION "announce_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('supportdesk_outbox', topic) FROM (SELECT DISTINCT topic FROM written) AS topics;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "outbox_written" AFTER INSERT ON "outbox" REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_outbox"();--> statement-breakpoint
-- A notification waiting under the old single topic becomes one delivery per channel.
INSERT INTO "outbox" ("topic", "payload", "order_key", "created_at", "available_at")
  SELECT channel.topic, entry."payload",
    CASE WHEN entry."payload"->>'ticketId' IS NULL THEN NULL
      ELSE (entry."payload"->'recipient'->>'id') || ':' || (entry."payload"->>'ticketId') END,
    entry."created_at", entry."available_at"
  FROM "outbox" AS entry
  CROSS JOIN (VALUES ('notice.inapp'), ('notice.mail'), ('notice.telegram')) AS channel(topic)
  WHERE entry."topic" = 'notify' AND entry."delivered_at" IS NULL AND entry."failed_at" IS NULL
    AND (channel.topic = 'notice.inapp' OR entry."payload"->'recipient'->>'type' = 'contact')
  ORDER BY entry."id", channel.topic;--> statement-breakpoint
DELETE FROM "outbox" WHERE "topic" = 'notify' AND "delivered_at" IS NULL AND "failed_at" IS NULL;--> statement-breakpoint
UPDATE "outbox" SET "topic" = 'mail.refusal' WHERE "topic" = 'mail_refusal';
