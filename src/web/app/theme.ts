import type { ThemeConfig } from 'antd';
import type { Locale } from '../i18n/keys.js';

/**
 * The one place where the product's colours and type are set. Components read
 * them through `theme.useToken()`; charts through `useChartTheme()`.
 */
export const BRAND_PRIMARY = '#1d4ed8';
/** The header band: dark brand blue with white text. */
export const HEADER_BG = '#0b1f4b';
export const HEADER_TEXT = '#ffffff';

/*
 * Chinese pages list CJK fonts first so that punctuation (“”，：) is
 * full-width; English pages list Latin fonts first so that quotes and
 * apostrophes are not. Either way the other script falls back per glyph.
 */
const CJK_FONTS = ['"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Noto Sans SC"'];
const LATIN_FONTS = ['"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial', '"Liberation Sans"', '"Noto Sans"'];
const SYSTEM_FONTS = ['-apple-system', 'BlinkMacSystemFont'];

export const fontFamilyFor = (locale: Locale): string =>
  [...SYSTEM_FONTS, ...(locale === 'zh-CN' ? [...CJK_FONTS, ...LATIN_FONTS] : [...LATIN_FONTS, ...CJK_FONTS]), 'sans-serif'].join(', ');

export const themeFor = (locale: Locale): ThemeConfig => ({
  token: {
    colorPrimary: BRAND_PRIMARY,
    colorInfo: BRAND_PRIMARY,
    borderRadius: 8,
    fontFamily: fontFamilyFor(locale),
    colorBgLayout: '#f3f5f9',
  },
  components: {
    Menu: { itemBorderRadius: 6 },
    Card: { headerFontSize: 15 },
  },
});
