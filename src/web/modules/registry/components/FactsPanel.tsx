import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { formatObservationValue } from '../../indicators/utils/format-value.js';
import { factMetricLabel } from '../utils/vocab.js';
import { SourceRef } from './SourceRef.js';

/** Size figures (employees, revenue, R&D spending), newest year first, each with its unit and source. */
export const FactsPanel = ({ facts, onAdd }: { facts: TEntityProfile['facts']; onAdd?: () => void }) => {
  const { t } = useI18n();
  const rows = [...facts].sort((a, b) => b.year - a.year || a.metric.localeCompare(b.metric));
  return (
    <Panel
      title={t('profile.facts')}
      data-testid="profile-facts"
      extra={
        onAdd && (
          <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid="profile-add-fact">
            {t('profile.addFact')}
          </Button>
        )
      }
    >
      {rows.length === 0 ? (
        <p className="kc-muted kc-empty-line">{t('profile.noFacts')}</p>
      ) : (
        <table className="kc-simple-table">
          <thead>
            <tr>
              <th scope="col">{t('profile.factMetric')}</th>
              <th scope="col">{t('profile.factYear')}</th>
              <th scope="col" className="kc-num">
                {t('profile.factValue')}
              </th>
              <th scope="col">{t('profile.factSource')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id}>
                <td>{factMetricLabel(f.metric, t)}</td>
                <td>{t('value.year', { year: f.year })}</td>
                <td className="kc-num">{formatObservationValue({ value: f.value, valueAsGiven: null, qualifier: 'exact' }, f.unit, t).text}</td>
                <td>
                  <SourceRef sourceId={f.sourceId} sourceNote={f.sourceNote} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
};
