import { useI18n } from '../i18n/I18nProvider.js';

/** A shimmering placeholder of a few lines (cheaper than antd's Skeleton on the first page). */
export const Loading = ({ rows = 4 }: { rows?: number }) => {
  const { t } = useI18n();
  return (
    <div className="kc-loading" role="status" aria-live="polite" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="kc-loading-line" style={{ width: `${i === 0 ? 40 : 100 - ((i * 17) % 35)}%` }} />
      ))}
    </div>
  );
};
