import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { centres } from './centres.js';

export const sources = pgTable(
  'sources',
  {
    id: text('id').primaryKey(),
    centreId: text('centre_id')
      .notNull()
      .references(() => centres.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    titleZh: text('title_zh'),
    titleEn: text('title_en'),
    publisher: text('publisher'),
    publishedOn: text('published_on'),
    dateAsGiven: text('date_as_given'),
    url: text('url'),
    fileName: text('file_name'),
    language: text('language'),
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('sources_centre_idx').on(t.centreId)],
);
