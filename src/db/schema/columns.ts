import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Columns every table shares. */
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A text-search document, kept by the database beside the text it is made of. */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
