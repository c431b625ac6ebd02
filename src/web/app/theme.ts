import type { ThemeConfig } from 'antd';

/**
 * The one place where the product's colours and type are set. Components read
 * them through `theme.useToken()`; charts through `useChartTheme()`.
 */
export const BRAND_PRIMARY = '#1d4ed8';
const HEADER_BG = '#0b1f4b';

const FONT_FAMILY = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const themeConfig: ThemeConfig = {
  token: {
    colorPrimary: BRAND_PRIMARY,
    colorInfo: BRAND_PRIMARY,
    borderRadius: 8,
    fontFamily: FONT_FAMILY,
    colorBgLayout: '#f3f5f9',
  },
  components: {
    Layout: { headerBg: HEADER_BG, headerColor: '#ffffff', headerPadding: '0 20px', siderBg: '#ffffff', headerHeight: 56 },
    Menu: { itemBorderRadius: 6 },
    Card: { headerFontSize: 15 },
  },
};
