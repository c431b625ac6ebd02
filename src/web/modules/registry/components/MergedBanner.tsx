import { Alert } from 'antd';
import { Link } from 'react-router';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useEntityProfileQuery } from '../hooks/useEntityProfileQuery.js';
import { entityPath } from '../utils/paths.js';

/** A tombstone's notice: this record was merged into another, which is where its relations now are. */
export const MergedBanner = ({ survivorId }: { survivorId: string }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const survivor = useEntityProfileQuery(centre.id, survivorId);
  const name = survivor.data ? pickName(survivor.data.entity, locale) : survivorId;
  return (
    <Alert
      type="warning"
      showIcon
      className="kc-alert"
      data-testid="profile-merged"
      title={t('profile.mergedTitle')}
      description={
        <>
          {t('profile.mergedText')} <Link to={entityPath(survivorId)} data-testid="profile-merged-link">{name}</Link>
        </>
      }
    />
  );
};
