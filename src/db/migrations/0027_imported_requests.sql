ALTER TABLE "tickets" ALTER COLUMN "contact_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "instance_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "certificate_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "level" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ALTER COLUMN "policy_version" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "requester_email" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "imported_from" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "external_reference" text;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_external_reference_idx" ON "tickets" USING btree ("external_reference","imported_from");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_entitled_or_imported" CHECK ("tickets"."imported_from" is not null or ("tickets"."contact_id" is not null and "tickets"."instance_id" is not null and "tickets"."certificate_id" is not null and "tickets"."level" is not null and "tickets"."policy_version" is not null));