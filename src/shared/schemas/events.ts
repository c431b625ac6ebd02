import { z } from 'zod';
import { ZId } from './common.js';

/**
 * Events and releases (issue 9): events such as the Zhongguancun Forum, their
 * sessions (organised by registry organisations) and the achievements
 * released at them. Counts by year are computed from these records and shown
 * beside the figures the sources publish, never added to them.
 */

const ZDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date: YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZEventInput = z.object({
  nameZh: text(200),
  nameEn: text(300).nullable().default(null),
  /** The recurring series it belongs to, as named (中关村论坛 …); events of one series are compared year by year. */
  series: text(120).nullable().default(null),
  startsOn: ZDay,
  endsOn: ZDay,
  venue: text(300).nullable().default(null),
  areaId: ZId.nullable().default(null),
  /** The event's record in the registry, when it has one. */
  entityId: ZId.nullable().default(null),
  isSample: z.boolean().default(false),
});
export const ZEventPatch = z.object({
  version: z.number().int().min(1),
  nameZh: text(200).optional(),
  nameEn: text(300).nullable().optional(),
  series: text(120).nullable().optional(),
  startsOn: ZDay.optional(),
  endsOn: ZDay.optional(),
  venue: text(300).nullable().optional(),
  areaId: ZId.nullable().optional(),
});

export const ZSessionInput = z.object({
  titleZh: text(300),
  titleEn: text(400).nullable().default(null),
  heldOn: ZDay,
  venue: text(300).nullable().default(null),
  organiserIds: z.array(ZId).max(20).default([]),
});

export const ZReleaseInput = z.object({
  sessionId: ZId.nullable().default(null),
  titleZh: text(300),
  titleEn: text(400).nullable().default(null),
  releasedOn: ZDay,
  achievementId: ZId.nullable().default(null),
  organisationIds: z.array(ZId).max(20).default([]),
});

const ZRef = z.object({ id: z.string(), nameZh: z.string().nullable(), nameEn: z.string() });

export const ZEventSummary = z.object({
  id: z.string(),
  centreId: z.string(),
  nameZh: z.string(),
  nameEn: z.string().nullable(),
  series: z.string().nullable(),
  year: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  venue: z.string().nullable(),
  areaId: z.string().nullable(),
  areaNameZh: z.string().nullable(),
  areaNameEn: z.string().nullable(),
  entity: ZRef.nullable(),
  isSample: z.boolean(),
  version: z.number().int(),
  sessions: z.number().int(),
  releases: z.number().int(),
});

export const ZSession = z.object({ id: z.string(), eventId: z.string(), titleZh: z.string(), titleEn: z.string().nullable(), heldOn: z.string(), venue: z.string().nullable(), organisers: z.array(ZRef) });
export const ZRelease = z.object({
  id: z.string(),
  eventId: z.string(),
  sessionId: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string().nullable(),
  releasedOn: z.string(),
  achievement: z.object({ id: z.string(), titleZh: z.string(), titleEn: z.string().nullable() }).nullable(),
  organisations: z.array(ZRef),
});
export const ZEventView = ZEventSummary.extend({ sessionList: z.array(ZSession), releaseList: z.array(ZRelease) });

export const ZYearCount = z.object({ year: z.number().int(), events: z.number().int(), sessions: z.number().int(), releases: z.number().int(), samples: z.number().int() });
/** A figure a source publishes (a seeded or imported observation), shown beside the platform's own counts. */
export const ZPublishedFigure = z.object({ indicatorCode: z.string(), nameZh: z.string().nullable(), nameEn: z.string(), unit: z.string().nullable(), period: z.string().nullable(), value: z.number().nullable(), qualifier: z.string(), valueAsGiven: z.string().nullable(), sourceTitleZh: z.string().nullable(), sourceTitleEn: z.string().nullable(), sourceUrl: z.string().nullable() });
export const ZEventCounts = z.object({ byYear: z.array(ZYearCount), bySeries: z.array(ZYearCount.extend({ series: z.string() })), published: z.array(ZPublishedFigure) });
