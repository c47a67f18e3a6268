ALTER TABLE "contacts" ADD COLUMN "suspended_with_organization" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "kpp" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "ogrn" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "active" boolean DEFAULT true NOT NULL;