import { QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { RouterProvider } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/I18nProvider.js';
import { CentreProvider } from './centre.js';
import { createQueryClient } from './query-client.js';
import { createRouter } from './router.js';
import { themeConfig } from './theme.js';

const AntdConfig = ({ children }: { children: ReactNode }) => {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={themeConfig}>
      {children}
    </ConfigProvider>
  );
};

export const App = () => {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <AntdConfig>
          <CentreProvider>
            <RouterProvider router={router} />
          </CentreProvider>
        </AntdConfig>
      </QueryClientProvider>
    </I18nProvider>
  );
};
