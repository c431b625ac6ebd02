/**
 * The vocabularies of international and regional cooperation records (issue 9).
 */

/** Who a partner of a joint laboratory or an agreement is, seen from the centre. */
export const PARTNER_SIDES = ['local', 'foreign'] as const;
export type PartnerSide = (typeof PARTNER_SIDES)[number];

/** What an international S&T organisation hosted by the centre is. */
export const HOSTED_ORG_KINDS = ['organisation', 'alliance', 'secretariat', 'branch', 'other'] as const;
export type HostedOrgKind = (typeof HOSTED_ORG_KINDS)[number];

/** What a regional collaboration record is. */
export const REGIONAL_RECORD_KINDS = ['project', 'tech_contract', 'relocation'] as const;
export type RegionalRecordKind = (typeof REGIONAL_RECORD_KINDS)[number];

/** One region of a centre's regional collaboration: a province-level code (GB/T 2260) and its names. */
/** `lon`/`lat` (the seat of its government) place it in the flow view; without them regions sit on a circle. */
export type CollaborationRegion = { code: string; nameZh: string; nameEn: string; lon?: number | null; lat?: number | null };

/**
 * The default regional collaboration when a centre has configured none:
 * Beijing–Tianjin–Hebei (京津冀), by their GB/T 2260 province-level codes.
 * A centre's own configuration replaces it (PUT /centres/:id/cooperation/regions).
 */
export const DEFAULT_REGIONAL_CONFIG: { nameZh: string; nameEn: string; homeCountry: string; regions: readonly CollaborationRegion[] } = {
  nameZh: '京津冀协同创新',
  nameEn: 'Beijing–Tianjin–Hebei collaboration',
  /** Partners from this country (ISO 3166-1 alpha-2) are domestic: international counts leave them out. */
  homeCountry: 'CN',
  regions: [
    { code: '110000', nameZh: '北京', nameEn: 'Beijing', lon: 116.4, lat: 39.9 },
    { code: '120000', nameZh: '天津', nameEn: 'Tianjin', lon: 117.2, lat: 39.08 },
    { code: '130000', nameZh: '河北', nameEn: 'Hebei', lon: 114.51, lat: 38.04 },
  ],
};
