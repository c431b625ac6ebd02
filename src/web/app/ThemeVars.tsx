import { theme } from 'antd';
import { useLayoutEffect } from 'react';
import { HEADER_BG, HEADER_TEXT } from './theme.js';

/**
 * Publishes the AntD theme tokens the stylesheet uses as CSS custom
 * properties on <html>, so app/styles.css has no colour of its own.
 */
export const ThemeVars = () => {
  const { token } = theme.useToken();
  useLayoutEffect(() => {
    const vars: Record<string, string | number> = {
      '--kc-primary': token.colorPrimary,
      '--kc-primary-bg': token.colorPrimaryBg,
      '--kc-primary-bg-hover': token.colorPrimaryBgHover,
      '--kc-primary-border': token.colorPrimaryBorder,
      '--kc-text': token.colorText,
      '--kc-text-secondary': token.colorTextSecondary,
      '--kc-text-tertiary': token.colorTextTertiary,
      '--kc-text-disabled': token.colorTextDisabled,
      '--kc-border': token.colorBorder,
      '--kc-border-secondary': token.colorBorderSecondary,
      '--kc-bg-container': token.colorBgContainer,
      '--kc-bg-layout': token.colorBgLayout,
      '--kc-fill': token.colorFillQuaternary,
      '--kc-fill-hover': token.colorFillTertiary,
      '--kc-warning': token.colorWarning,
      '--kc-warning-bg': token.colorWarningBg,
      '--kc-warning-text': token.colorWarningText,
      '--kc-accent-bg': token.purple1,
      '--kc-accent-text': token.purple7,
      '--kc-error': token.colorError,
      '--kc-radius': `${token.borderRadiusLG}px`,
      '--kc-radius-sm': `${token.borderRadius}px`,
      '--kc-shadow': token.boxShadowTertiary,
      '--kc-font': token.fontFamily,
      '--kc-header-bg': HEADER_BG,
      '--kc-header-text': HEADER_TEXT,
    };
    const style = document.documentElement.style;
    for (const [name, value] of Object.entries(vars)) style.setProperty(name, String(value));
  }, [token]);
  return null;
};
