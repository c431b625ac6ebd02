import type { GlobalToken } from 'antd';

/** What a chart option builder needs to know about colours and type. */
export type ChartTheme = {
  primary: string;
  text: string;
  textSecondary: string;
  border: string;
  background: string;
  /** Fill of a map area with no data. */
  areaEmpty: string;
  /** Fill of a hovered map area. */
  highlight: string;
  /** Light-to-dark ramp for choropleths. */
  sequential: readonly string[];
  series: readonly string[];
  fontFamily: string;
  fontSize: number;
  /** False when the user prefers reduced motion (and in browser tests that ask for it). */
  animation: boolean;
};

export const chartThemeFromToken = (token: GlobalToken, series: readonly string[], animation: boolean): ChartTheme => ({
  primary: token.colorPrimary,
  text: token.colorText,
  textSecondary: token.colorTextSecondary,
  border: token.colorBorderSecondary,
  background: token.colorBgContainer,
  areaEmpty: token.colorFillTertiary,
  highlight: token.colorWarningBorder,
  sequential: [
    token.colorPrimaryBg,
    token.colorPrimaryBgHover,
    token.colorPrimaryBorder,
    token.colorPrimaryBorderHover,
    token.colorPrimaryHover,
    token.colorPrimary,
    token.colorPrimaryActive,
  ],
  series,
  fontFamily: token.fontFamily,
  fontSize: token.fontSizeSM,
  animation,
});
