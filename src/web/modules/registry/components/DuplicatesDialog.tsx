import { Button, Modal, Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { TDuplicateCandidate } from '../../../../shared/schemas/registry.js';
import { formatNumber, otherName, pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { entityPath } from '../utils/paths.js';
import { kindLabel } from '../utils/vocab.js';

const MATCHED_ON: Record<TDuplicateCandidate['matchedOn'], MessageKey> = {
  uscc: 'duplicates.matchedOn.uscc',
  ror: 'duplicates.matchedOn.ror',
  orcid: 'duplicates.matchedOn.orcid',
  name: 'duplicates.matchedOn.name',
};

type Props = {
  open: boolean;
  candidates: readonly TDuplicateCandidate[];
  creating: boolean;
  onBack: () => void;
  /** The user opens one of the candidates (the new record is abandoned). */
  onOpen: () => void;
  onCreateAnyway: () => void;
};

/** Records that look like the one being created: open one of them, or confirm that this is a different actor. */
export const DuplicatesDialog = ({ open, candidates, creating, onBack, onOpen, onCreateAnyway }: Props) => {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  return (
    <Modal
      open={open}
      title={t('duplicates.title')}
      onCancel={onBack}
      width={620}
      footer={[
        <Button key="back" onClick={onBack} data-testid="duplicate-back">
          {t('duplicates.back')}
        </Button>,
        <Button key="create" type="primary" onClick={onCreateAnyway} loading={creating} data-testid="duplicate-create-anyway">
          {t('duplicates.createAnyway')}
        </Button>,
      ]}
    >
      <div data-testid="duplicates-dialog">
        <p className="kc-muted">{t('duplicates.intro', { count: candidates.length })}</p>
        <ul className="kc-plain-list kc-duplicates">
          {candidates.map((c) => {
            const other = otherName(c, locale);
            return (
              <li key={c.id} className="kc-item-row" data-testid="duplicate-candidate">
                <span className="kc-item-main kc-item-stack">
                  <strong>{pickName(c, locale)}</strong>
                  {other && <span className="kc-muted kc-small">{other}</span>}
                  <span className="kc-small">
                    {c.kind && <Tag variant="filled">{kindLabel(c.kind, t)}</Tag>}
                    <Tag color={c.matchedOn === 'name' ? 'orange' : 'red'} variant="filled">
                      {t(MATCHED_ON[c.matchedOn])}
                    </Tag>
                    {c.matchedOn === 'name' && (
                      <span className="kc-muted">{t('duplicates.similarity', { percent: formatNumber(Math.round(c.similarity * 100), locale) })}</span>
                    )}
                  </span>
                </span>
                <Button
                  size="small"
                  onClick={() => {
                    onOpen();
                    navigate(entityPath(c.id));
                  }}
                  data-testid="duplicate-open"
                >
                  {t('duplicates.open')}
                </Button>
              </li>
            );
          })}
        </ul>
      </div>
    </Modal>
  );
};
