import { Table } from 'antd';
import { formatNumber } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { SelfAssessment, TalentCall } from './hooks.js';
import { measureText } from './labels.js';

/** The published indicator list: indicator, part, points, how it is scored and how it is measured; with the viewer's points when a self-assessment runs beside it. */
export const IndicatorTable = ({ call, assessment }: { call: TalentCall; assessment?: SelfAssessment | undefined }) => {
  const { t, locale } = useI18n();
  const pointsOf = new Map((assessment?.indicators ?? []).map((i) => [i.id, i.points]));
  type Row = TalentCall['scheme']['indicators'][number];
  return (
    <Table<Row>
      size="small"
      rowKey="id"
      pagination={false}
      data-testid="talent-indicators"
      dataSource={call.scheme.indicators}
      columns={[
        { title: t('talent.indicator.name'), key: 'name', render: (_, r) => <strong>{locale === 'zh-CN' ? r.labelZh : r.labelEn}</strong> },
        { title: t('talent.indicator.part'), key: 'part', className: 'kc-talent-nowrap', render: (_, r) => t(r.part === 'personal' ? 'talent.part.personal' : 'talent.part.enterprise') },
        { title: t('talent.indicator.points'), key: 'points', align: 'right', className: 'kc-talent-nowrap', render: (_, r) => formatNumber(r.points, locale) },
        { title: t('talent.indicator.scoring'), key: 'scoring', render: (_, r) => measureText(r, t, locale) },
        { title: t('talent.indicator.how'), key: 'how', render: (_, r) => (locale === 'zh-CN' ? r.howZh : r.howEn) },
        ...(assessment
          ? [
              {
                title: t('talent.indicator.yours'),
                key: 'yours',
                className: 'kc-talent-nowrap',
                align: 'right' as const,
                render: (_: unknown, r: Row) => {
                  const p = pointsOf.get(r.id);
                  return (
                    <span data-testid={`talent-points-${r.id}`} className={p === null || p === undefined ? 'kc-muted' : ''}>
                      {p === null || p === undefined ? t('talent.sim.notAnswered') : formatNumber(p, locale)}
                    </span>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
};
