import { EditOutlined, LockOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';

/** A person's personal fields, for the roles allowed to see them. */
export const PersonalPanel = ({ personal, onEdit }: { personal: TEntityProfile['personal']; onEdit?: () => void }) => {
  const { t } = useI18n();
  const none = <span className="kc-muted">{t('profile.notGiven')}</span>;
  return (
    <Panel
      title={
        <>
          <LockOutlined aria-hidden /> {t('profile.personal')}
        </>
      }
      data-testid="profile-personal"
      extra={
        onEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={onEdit} data-testid="profile-edit-personal">
            {t('profile.editPersonal')}
          </Button>
        )
      }
    >
      <p className="kc-muted kc-small kc-panel-note">{t('profile.personalNote')}</p>
      <dl className="kc-citation">
        <dt>{t('personal.email')}</dt>
        <dd>{personal?.email ? <a href={`mailto:${personal.email}`}>{personal.email}</a> : none}</dd>
        <dt>{t('personal.phone')}</dt>
        <dd>{personal?.phone ?? none}</dd>
        <dt>{t('personal.birthYear')}</dt>
        <dd>{personal?.birthYear ?? none}</dd>
        <dt>{t('personal.notes')}</dt>
        <dd>{personal?.notes ?? none}</dd>
      </dl>
    </Panel>
  );
};
