import './rdcentres.css';
import { Link } from 'react-router';
import { useCurrentCentre } from '../../app/centre.js';
import { useSession } from '../../app/session.js';
import type { MessageKey } from '../../i18n/keys.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { Chip } from '../../ui/Chip.js';
import { Panel } from '../../ui/Panel.js';
import { SampleTag } from '../../ui/SampleTag.js';
import { formatDate } from '../calls/utils/labels.js';
import { BilingualText } from './BilingualText.js';
import { useRecognitionsQuery } from './hooks.js';

const tone = { active: 'accent', expired: 'default', revoked: 'warning' } as const;

/** On an organisation's profile: its recognised R&D centre, the type and dates (loaded only when it holds the credential). */
export const RdCentreProfilePanel = ({ entityId }: { entityId: string }) => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { can, user } = useSession();
  const items = useRecognitionsQuery(centre.id, entityId).data?.items ?? [];
  if (items.length === 0) return null;
  const mine = can('calls:manage') || user?.organisationId === entityId;
  return (
    <Panel title={t('rdcentres.profile.title')} data-testid="rd-profile">
      {items.map((r) => (
        <div key={r.id} className="kc-rd-profile-row">
          <div>
            {mine && r.applicationId ? (
              <Link to={`/rd-centres/applications/${encodeURIComponent(r.applicationId)}`}>
                <BilingualText text={r.name} />
              </Link>
            ) : (
              <BilingualText text={r.name} />
            )}{' '}
            <Chip tone={tone[r.status]}>{t(`rdcentres.status.${r.status}` as MessageKey)}</Chip> <SampleTag isSample={r.isSample} />
          </div>
          <div className="kc-muted kc-small">
            {t(`rdcentres.type.${r.centreType}` as MessageKey)} · {formatDate(r.validFrom, t)} – {formatDate(r.validTo, t)} · {t('rdcentres.recognition.decisionRef')} {r.decisionRef}
          </div>
        </div>
      ))}
    </Panel>
  );
};
