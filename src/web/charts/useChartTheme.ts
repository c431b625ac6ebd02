import { theme } from 'antd';
import { useMemo } from 'react';
import { chartThemeFromToken, type ChartTheme } from './chart-theme.js';
import { SERIES_COLORS } from './palette.js';

const prefersReducedMotion = (): boolean =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export const useChartTheme = (): ChartTheme => {
  const { token } = theme.useToken();
  return useMemo(() => chartThemeFromToken(token, SERIES_COLORS, !prefersReducedMotion()), [token]);
};
