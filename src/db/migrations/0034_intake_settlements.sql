ALTER TABLE "intake_rejections" ADD COLUMN "settled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "settled_by" text;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "settlement" text;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "settled_ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD COLUMN "settled_contact_id" uuid;--> statement-breakpoint
ALTER TABLE "intake_rejections" ADD CONSTRAINT "intake_rejections_settled_ticket_id_tickets_id_fk" FOREIGN KEY ("settled_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;