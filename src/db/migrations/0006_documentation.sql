CREATE TABLE "documentation_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"body" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documentation_pages_link_or_page" CHECK (("documentation_pages"."url" is null) <> ("documentation_pages"."body" is null))
);
--> statement-breakpoint
ALTER TABLE "documentation_pages" ADD CONSTRAINT "documentation_pages_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documentation_pages_product_idx" ON "documentation_pages" USING btree ("product_id","position");