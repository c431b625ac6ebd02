import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.js';
import { StatusMessage } from '../ui/StatusMessage.js';

export const NotFoundPage = () => {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <StatusMessage
      status="notFound"
      title={t('notFound.title')}
      text={t('notFound.text')}
      action={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
};
