import { Link } from 'react-router';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { useEntityProfileQuery } from '../../registry/hooks/useEntityProfileQuery.js';
import { entityPath } from '../../registry/utils/paths.js';
import type { CoiFlag } from '../types.js';
import { coiKindLabel } from '../utils/labels.js';

/** Evidence values that name a registry record, shown by name with a link. */
const ENTITY_KEYS = new Set(['orgId', 'personId', 'excludedOrgId', 'reviewerOrgId', 'applicantOrgId', 'fromId', 'toId', 'parentId', 'reviewerPersonId', 'applicantPersonId']);
const HIDDEN_KEYS = new Set(['relationId', 'applicationId']);

const EntityRef = ({ id }: { id: string }) => {
  const { locale } = useI18n();
  const centre = useCurrentCentre();
  const profile = useEntityProfileQuery(centre.id, id);
  return <Link to={entityPath(id)}>{profile.data ? pickName(profile.data.entity, locale) : id}</Link>;
};

/** A conflict of interest with the platform data that shows it: "曾任职于申请单位（2015–2025）". */
export const CoiFlags = ({ flags }: { flags: readonly CoiFlag[] }) => {
  const { t } = useI18n();
  if (flags.length === 0) return null;
  const value = (k: string, v: string | number | boolean | null) => {
    if (typeof v === 'string' && ENTITY_KEYS.has(k)) return <EntityRef id={v} />;
    if (typeof v === 'boolean') return v ? t('calls.yes') : t('calls.no');
    if (k === 'side' || k === 'type') return t.has(`coiValue.${String(v)}`) ? t(`coiValue.${String(v)}` as MessageKey) : String(v);
    return String(v);
  };
  return (
    <ul className="kc-calls-coi" data-testid="coi-flags">
      {flags.map((f, i) => (
        <li key={`${f.kind}-${i}`} data-testid="coi-flag" data-kind={f.kind}>
          <span className="kc-chip kc-chip-warning">{coiKindLabel(t, f.kind)}</span>
          <span className="kc-calls-coi-evidence" data-testid="coi-evidence">
            {Object.entries(f.evidence)
              .filter(([k, v]) => v !== null && v !== '' && !HIDDEN_KEYS.has(k))
              .map(([k, v]) => (
                <span key={k} className="kc-calls-coi-item">
                  {t.has(`coiEvidence.${k}`) ? t(`coiEvidence.${k}` as MessageKey) : k}{t('calls.colon')}{value(k, v)}
                </span>
              ))}
          </span>
        </li>
      ))}
    </ul>
  );
};
