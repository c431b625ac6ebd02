import { Input, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState } from 'react';
import type { TIndicator, TObservation } from '../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageHeader } from '../ui/PageHeader.js';
import { ObservationTags } from '../modules/indicators/components/ObservationTags.js';
import { useIndicatorsQuery } from '../modules/indicators/hooks/useIndicatorsQuery.js';
import { formatObservationValue } from '../modules/indicators/utils/format-value.js';
import { observationsNewestFirst } from '../modules/indicators/utils/observations.js';
import { SourceCitation } from '../ui/SourceCitation.js';

type Row = { key: string; indicator: TIndicator; observation: TObservation | null; span: number };

/** One row per observation, the indicator's cell spanning its observations. */
const toRows = (indicators: readonly TIndicator[]): Row[] =>
  indicators.flatMap((indicator): Row[] => {
    const observations = observationsNewestFirst(indicator.observations);
    if (observations.length === 0) return [{ key: indicator.id, indicator, observation: null, span: 1 }];
    return observations.map((observation, i) => ({
      key: observation.id,
      indicator,
      observation,
      span: i === 0 ? observations.length : 0,
    }));
  });

/** Every indicator of the centre with each published figure, as given, and where it comes from. */
export const IndicatorsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useIndicatorsQuery(centre.id);
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = (query.data?.items ?? []).filter(
      (i) => !needle || [i.nameZh, i.nameEn, i.code].some((s) => s?.toLowerCase().includes(needle)),
    );
    return toRows(items);
  }, [query.data, filter]);

  const columns: TableProps<Row>['columns'] = [
    {
      key: 'indicator',
      title: t('indicators.col.indicator'),
      onCell: (row) => ({ rowSpan: row.span }),
      render: (_, { indicator }) => (
        <div>
          <Typography.Text strong>{pickName(indicator, locale)}</Typography.Text>
          {otherName(indicator, locale) && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {otherName(indicator, locale)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      key: 'year',
      title: t('indicators.col.year'),
      width: 96,
      render: (_, { observation }) =>
        observation?.year ?? <Typography.Text type="secondary">{t('value.yearUnknown')}</Typography.Text>,
    },
    {
      key: 'value',
      title: t('indicators.col.value'),
      width: 220,
      render: (_, { indicator, observation }) => {
        if (!observation) return <Typography.Text type="secondary">{t('indicators.noObservations')}</Typography.Text>;
        const value = formatObservationValue(observation, indicator.unit, t);
        return (
          <div>
            <Typography.Text strong={!value.missing} type={value.missing ? 'secondary' : undefined}>
              {value.text}
            </Typography.Text>
            <div>
              <ObservationTags observation={observation} />
            </div>
          </div>
        );
      },
    },
    {
      key: 'asGiven',
      title: t('indicators.col.asGiven'),
      responsive: ['lg'],
      render: (_, { observation }) =>
        observation?.valueAsGiven ? (
          <Typography.Text type="secondary">“{observation.valueAsGiven}”</Typography.Text>
        ) : null,
    },
    {
      key: 'source',
      title: t('indicators.col.source'),
      width: 260,
      responsive: ['md'],
      render: (_, { observation }) => (observation ? <SourceCitation citation={observation.citation} compact /> : null),
    },
  ];

  return (
    <div className="kc-page">
      <PageHeader title={t('indicators.title')} intro={t('indicators.intro')} />
      <div className="kc-filters">
        <Input.Search
          allowClear
          placeholder={t('indicators.searchPlaceholder')}
          aria-label={t('indicators.search')}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 300 }}
        />
      </div>
      <Table<Row>
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={query.isLoading}
        bordered
        size="middle"
        className="kc-table"
        pagination={false}
        locale={{ emptyText: query.error ? errorMessage(query.error, t) : t('indicators.empty') }}
      />
    </div>
  );
};
