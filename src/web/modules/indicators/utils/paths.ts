/** Where the indicator pages live, and the download links of the figures API. */
export const INDICATOR_ROUTES = {
  catalogue: '/indicators',
  import: '/indicators/import',
  targets: '/targets',
} as const;

export const indicatorPath = (code: string): string => `/indicators/${encodeURIComponent(code)}`;

const centreApi = (centreId: string) => `/api/centres/${encodeURIComponent(centreId)}`;

export type TableFormat = 'xlsx' | 'csv';
export type HeaderLanguage = 'zh' | 'en';

/** Every figure (or one indicator's) as a file, in the import columns plus the source (open data). */
export const observationsExportUrl = (centreId: string, format: TableFormat, headers: HeaderLanguage, indicatorCode?: string): string =>
  `${centreApi(centreId)}/observations/export?format=${format}&headers=${headers}${indicatorCode ? `&indicator=${encodeURIComponent(indicatorCode)}` : ''}`;

/** The empty import template (writers only; the session cookie goes along). */
export const observationsTemplateUrl = (centreId: string, format: TableFormat, headers: HeaderLanguage): string =>
  `${centreApi(centreId)}/observations/template?format=${format}&headers=${headers}`;
