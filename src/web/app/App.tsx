import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/I18nProvider.js';
import { CentreProvider } from './centre.js';
import { createQueryClient } from './query-client.js';
import { AppRoutes } from './router.js';
import { themeFor } from './theme.js';
import { ThemeVars } from './ThemeVars.js';

const AntdConfig = ({ children }: { children: ReactNode }) => {
  const { antdLocale, locale } = useI18n();
  const theme = useMemo(() => themeFor(locale), [locale]);
  return (
    <ConfigProvider locale={antdLocale} theme={theme}>
      <ThemeVars />
      {children}
    </ConfigProvider>
  );
};

export const App = () => {
  const [queryClient] = useState(createQueryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <AntdConfig>
          <CentreProvider>
            <BrowserRouter>
              <AppRoutes />
            </BrowserRouter>
          </CentreProvider>
        </AntdConfig>
      </QueryClientProvider>
    </I18nProvider>
  );
};
