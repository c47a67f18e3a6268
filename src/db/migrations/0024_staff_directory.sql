ALTER TABLE "agents" ADD COLUMN "directory" text;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "directory_id" text;