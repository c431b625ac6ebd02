import { Checkbox, Table, Tag } from 'antd';
import { useState } from 'react';
import type { TTreatmentRow } from '../../../../shared/schemas/evaluation.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';

type Props = { rows: readonly TTreatmentRow[]; names: ReadonlyMap<string, string>; printable?: boolean };

/** The treat step's report: skew and kurtosis before and after, points winsorised, log applied, per indicator. */
export const TreatmentTable = ({ rows, names, printable = false }: Props) => {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const treated = rows.filter((r) => r.winsorised > 0 || r.logApplied);
  const shown = all ? rows : treated;
  const failing = rows.filter((r) => !r.passes).length;
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, t.locale, 2));
  const pair = (before: number | null, after: number | null) => (
    <span className="kc-eval-pair">
      {n(before)} → <strong>{n(after)}</strong>
    </span>
  );
  return (
    <div data-testid="evaluation-treatment">
      <p className="kc-muted">
        {failing === 0
          ? t('evaluation.treatment.summaryAllPass', { treated: formatNumber(treated.length, t.locale), total: formatNumber(rows.length, t.locale) })
          : t('evaluation.treatment.summary', { treated: formatNumber(treated.length, t.locale), total: formatNumber(rows.length, t.locale), failing: formatNumber(failing, t.locale) })}
      </p>
      {!printable && (
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="evaluation-treatment-all">
          {t('evaluation.treatment.showAll')}
        </Checkbox>
      )}
      <Table<TTreatmentRow>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={[...shown]}
        onRow={() => ({ 'data-testid': 'evaluation-treatment-row' }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('evaluation.treatment.none') }}
        columns={[
          {
            key: 'code',
            title: t('evaluation.treatment.col.indicator'),
            render: (_, r) => (
              <span>
                {names.get(r.code) ?? r.code} <span className="kc-muted">{r.code}</span>
              </span>
            ),
          },
          { key: 'skew', title: t('evaluation.treatment.col.skew'), width: 150, render: (_, r) => pair(r.skewBefore, r.skewAfter) },
          { key: 'kurt', title: t('evaluation.treatment.col.kurt'), width: 150, render: (_, r) => pair(r.kurtBefore, r.kurtAfter) },
          { key: 'win', title: t('evaluation.treatment.col.winsorised'), width: 96, align: 'right', render: (_, r) => formatNumber(r.winsorised, t.locale) },
          { key: 'log', title: t('evaluation.treatment.col.log'), width: 96, render: (_, r) => (r.logApplied ? <Tag color="purple">{t('evaluation.treatment.yes')}</Tag> : <span className="kc-muted">{t('evaluation.treatment.no')}</span>) },
          {
            key: 'passes',
            title: t('evaluation.treatment.col.passes'),
            width: 110,
            render: (_, r) => (r.passes ? <Tag color="green">{t('evaluation.treatment.passes')}</Tag> : <Tag color="red">{t('evaluation.treatment.fails')}</Tag>),
          },
          {
            key: 'units',
            title: t('evaluation.treatment.col.units'),
            render: (_, r) => (r.logApplied ? <span className="kc-muted">{t('evaluation.treatment.allUnits')}</span> : r.treatedUnits.join(t('common.listSeparator'))),
          },
        ]}
      />
    </div>
  );
};
