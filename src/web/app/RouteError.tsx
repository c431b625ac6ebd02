import { Button } from 'antd';
import { useRouteError } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.js';
import { StatusMessage } from '../ui/StatusMessage.js';

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a deploy). */
export const RouteError = () => {
  const { t } = useI18n();
  const error = useRouteError();
  const chunkFailed = error instanceof Error && /dynamically imported module|Failed to fetch|Importing a module script/i.test(error.message);
  return (
    <div className="kc-route-error">
      <StatusMessage
        status="error"
        title={chunkFailed ? t('routeError.reloadTitle') : t('routeError.title')}
        text={chunkFailed ? t('routeError.reloadText') : t('error.INTERNAL_ERROR')}
        action={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('routeError.reload')}
          </Button>
        }
      />
    </div>
  );
};
