import { Button, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Chip } from '../../../ui/Chip.js';
import { Panel } from '../../../ui/Panel.js';
import { hasEnded, todayIso, validityText } from '../utils/dates.js';
import { useVocabularyLabels } from '../hooks/useVocabularyQuery.js';
import { SourceRef } from './SourceRef.js';

/** Recognitions (ladder rungs, titles) with their validity periods and sources; ended ones say so. */
export const RecognitionsPanel = ({ recognitions, onAdd }: { recognitions: TEntityProfile['recognitions']; onAdd?: () => void }) => {
  const { t } = useI18n();
  const labels = useVocabularyLabels();
  const today = todayIso();
  return (
    <Panel
      title={t('profile.recognitions')}
      data-testid="profile-recognitions"
      extra={
        onAdd && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="profile-add-recognition">
            {t('profile.addRecognition')}
          </Button>
        )
      }
    >
      {recognitions.length === 0 ? (
        <p className="kc-muted kc-empty-line">{t('profile.noRecognitions')}</p>
      ) : (
        <ul className="kc-plain-list">
          {recognitions.map((r) => {
            const ended = hasEnded(r.validTo, today);
            return (
              <li key={r.id} className="kc-item-row">
                <span className="kc-item-main">
                  <Tag color={ended ? 'default' : 'gold'} variant="filled">
                    {labels.recognition(r.type)}
                  </Tag>
                  <span className="kc-muted">{validityText(r.validFrom, r.validTo, t)}</span>
                  {ended && <Chip>{t('period.ended')}</Chip>}
                </span>
                <SourceRef sourceId={r.sourceId} sourceNote={r.sourceNote} />
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
};
