CREATE TABLE "agent_mail_bursts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"outbox_id" bigint NOT NULL,
	"held" boolean NOT NULL,
	"ticket_id" uuid,
	"template" text NOT NULL,
	"params" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "agent_mail_bursts_outbox_id_unique" UNIQUE("outbox_id")
);
--> statement-breakpoint
CREATE INDEX "agent_mail_bursts_agent_idx" ON "agent_mail_bursts" USING btree ("agent_id","held","at");