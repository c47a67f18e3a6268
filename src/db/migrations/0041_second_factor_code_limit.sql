ALTER TABLE "second_factors" ADD COLUMN "failed_codes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "second_factors" ADD COLUMN "codes_blocked_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "second_factors" ADD COLUMN "codes_locked_at" timestamp with time zone;