import { Button } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../app/errors.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Loading } from './Loading.js';
import { StatusMessage } from './StatusMessage.js';

type Props = {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  skeletonRows?: number;
  children: ReactNode;
};

/** Loading, failed and empty states of a query, all translated; children otherwise. */
export const QueryState = ({ isLoading, error, isEmpty = false, emptyText, onRetry, skeletonRows = 4, children }: Props) => {
  const { t } = useI18n();
  if (isLoading) return <Loading rows={skeletonRows} />;
  if (error)
    return (
      <StatusMessage
        status="warning"
        title={t('common.loadFailed')}
        text={errorMessage(error, t)}
        action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      />
    );
  if (isEmpty) return <StatusMessage status="empty" title={emptyText ?? t('common.empty')} />;
  return <>{children}</>;
};
