import type { Locale } from './keys.js';

type Named = { nameZh: string | null; nameEn: string | null };

/** The record's name in the UI language, falling back to the other language. */
export const pickName = (record: Named, locale: Locale): string =>
  (locale === 'zh-CN' ? (record.nameZh ?? record.nameEn) : (record.nameEn ?? record.nameZh)) ?? '';

/** The other-language name when it differs, for a secondary line. */
export const otherName = (record: Named, locale: Locale): string | null => {
  const other = locale === 'zh-CN' ? record.nameEn : record.nameZh;
  return other && other !== pickName(record, locale) ? other : null;
};

type Titled = { titleZh: string | null; titleEn: string | null };
export const pickTitle = (record: Titled, locale: Locale): string =>
  pickName({ nameZh: record.titleZh, nameEn: record.titleEn }, locale);

const numberFormats = new Map<string, Intl.NumberFormat>();
export const formatNumber = (value: number, locale: Locale, maximumFractionDigits = 2): string => {
  const cacheKey = `${locale}|${maximumFractionDigits}`;
  let nf = numberFormats.get(cacheKey);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(cacheKey, nf);
  }
  return nf.format(value);
};

/**
 * A date as precisely as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 * Anything else is returned unchanged.
 */
export const formatPartialDate = (value: string, locale: Locale): string => {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m;
  if (locale === 'zh-CN') return `${y}年${mo ? `${Number(mo)}月` : ''}${d ? `${Number(d)}日` : ''}`;
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  const opts: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
    : mo
      ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
      : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat('en-GB', opts).format(date);
};

/** A timestamp in the viewer's time zone, to the minute (or second). */
export const formatDateTime = (iso: string, locale: Locale, withSeconds = false): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: locale === 'zh-CN' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hour12: false,
  }).format(date);
};
