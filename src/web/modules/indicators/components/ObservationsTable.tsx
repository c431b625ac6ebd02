import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Table, Typography, type TableProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import type { TIndicator, TObservation } from '../../../../shared/schemas/indicators.js';
import { formatNumber } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SampleTag } from '../../../ui/SampleTag.js';
import { SourceCitation } from '../../../ui/SourceCitation.js';
import type { SubjectNames } from '../hooks/useSubjectNames.js';
import { derivationSummary } from '../utils/derivation.js';
import { formatObservationValue } from '../utils/format-value.js';
import { STATUS_KEY } from '../utils/labels.js';
import { compareNewestFirst } from '../utils/latest.js';
import { formatPeriod, periodOf } from '../utils/period.js';
import { subjectOf } from '../utils/subjects.js';
import { ObservationTags } from './ObservationTags.js';
import { ProvenanceTag } from './ProvenanceTag.js';

type Props = {
  indicator: TIndicator;
  subjects: SubjectNames;
  /** Writers correct and withdraw figures. */
  onCorrect?: (observation: TObservation) => void;
  onWithdraw?: (observation: TObservation) => void;
  withdrawingId?: string | null;
};

const PAGE = 20;

/** How a figure derived from the platform's records was computed: the ratio, how many records it counts (and a link to them), the query. */
const DerivationNote = ({ observation }: { observation: TObservation }) => {
  const { t, locale } = useI18n();
  const d = derivationSummary(observation);
  if (!d) return null;
  const n = (v: number) => formatNumber(v, locale);
  const counted = d.numerator !== null && d.denominator !== null ? t('indicators.figure.derivedRatio', { numerator: n(d.numerator), denominator: n(d.denominator), count: n(d.records) }) : t('indicators.figure.derivedRecords', { count: n(d.records) });
  return (
    <div className="kc-muted kc-small" data-testid="figure-derivation">
      {counted}
      {d.listPath && (
        <>
          {' · '}
          <Link to={d.listPath} data-testid="figure-derivation-records">
            {t('indicators.figure.listRecords')}
          </Link>
        </>
      )}
      {d.query && (
        <>
          {' · '}
          <code className="kc-code">{d.query}</code>
        </>
      )}
    </div>
  );
};

/**
 * Every figure of the indicator, newest first: subject, period, the value as
 * the source words it, status and qualifier, how it arrived and its source.
 */
export const ObservationsTable = ({ indicator, subjects, onCorrect, onWithdraw, withdrawingId }: Props) => {
  const { t } = useI18n();
  const [subject, setSubject] = useState<string | null>(null);
  const subjectIds = useMemo(() => [...new Set(indicator.observations.map(subjectOf))], [indicator.observations]);
  const rows = useMemo(
    () =>
      [...indicator.observations]
        .filter((o) => !subject || subjectOf(o) === subject)
        .sort((a, b) => compareNewestFirst(a, b) || subjects.name(subjectOf(a)).localeCompare(subjects.name(subjectOf(b)))),
    [indicator.observations, subject, subjects],
  );

  const columns: TableProps<TObservation>['columns'] = [
    {
      key: 'subject',
      title: t('indicators.col.subject'),
      render: (_, o) => (
        <span>
          {subjects.name(subjectOf(o))}
          <SampleTag isSample={o.isSample} />
        </span>
      ),
    },
    {
      key: 'period',
      title: t('indicators.col.period'),
      width: 120,
      render: (_, o) => {
        const period = periodOf(o);
        return period ? formatPeriod(period, t) : <span className="kc-muted">{t('value.yearUnknown')}</span>;
      },
    },
    {
      key: 'value',
      title: t('indicators.col.value'),
      render: (_, o) => {
        const value = formatObservationValue(o, indicator.unit, t);
        return (
          <div data-testid="figure-value">
            <Typography.Text strong={!value.missing} type={value.missing ? 'secondary' : undefined}>
              {value.text}
            </Typography.Text>
            {o.valueAsGiven && <div className="kc-muted kc-small kc-as-given">{t('indicators.figure.asGivenQuoted', { text: o.valueAsGiven })}</div>}
            <DerivationNote observation={o} />
          </div>
        );
      },
    },
    {
      key: 'status',
      title: t('indicators.col.status'),
      width: 150,
      render: (_, o) => (
        <span className="kc-figure-marks" data-testid="figure-status" data-status={o.status}>
          {o.status === 'measured' ? <span>{t(STATUS_KEY.measured)}</span> : null}
          <ObservationTags observation={o} />
        </span>
      ),
    },
    { key: 'provenance', title: t('indicators.col.provenance'), width: 120, render: (_, o) => <ProvenanceTag provenance={o.provenance} /> },
    { key: 'source', title: t('indicators.col.source'), width: 220, render: (_, o) => <SourceCitation citation={o.citation} compact /> },
  ];
  if (onCorrect || onWithdraw) {
    columns.push({
      key: 'actions',
      title: <span className="kc-visually-hidden">{t('indicators.col.actions')}</span>,
      width: 96,
      render: (_, o) => (
        <span className="kc-row-actions">
          {onCorrect && (
            <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('indicators.figure.correct')} title={t('indicators.figure.correct')} onClick={() => onCorrect(o)} data-testid="figure-correct" />
          )}
          {onWithdraw && (
            <Popconfirm
              title={t('indicators.figure.withdrawConfirm')}
              description={t('indicators.figure.withdrawHint')}
              okText={t('indicators.figure.withdraw')}
              okButtonProps={{ danger: true, ...({ 'data-testid': 'figure-withdraw-confirm' } as Record<`data-${string}`, string>) }}
              cancelText={t('common.cancel')}
              onConfirm={() => onWithdraw(o)}
            >
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                loading={withdrawingId === o.id}
                aria-label={t('indicators.figure.withdraw')}
                title={t('indicators.figure.withdraw')}
                data-testid="figure-withdraw"
              />
            </Popconfirm>
          )}
        </span>
      ),
    });
  }

  return (
    <>
      {subjectIds.length > 1 && (
        <div className="kc-figures-filter">
          <Select
            allowClear
            value={subject}
            onChange={(v?: string) => setSubject(v ?? null)}
            placeholder={t('indicators.figure.allSubjects', { count: subjectIds.length })}
            aria-label={t('indicators.col.subject')}
            options={subjectIds.map((id) => ({ value: id, label: subjects.name(id) })).sort((a, b) => a.label.localeCompare(b.label))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 220 }}
            data-testid="figures-subject-filter"
          />
        </div>
      )}
      <Table<TObservation>
        rowKey="id"
        size="middle"
        className="kc-table"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 960 }}
        pagination={rows.length > PAGE ? { pageSize: PAGE, showSizeChanger: false } : false}
        locale={{ emptyText: t('indicators.noObservations') }}
        onRow={(o) => ({ 'data-testid': 'figure-row', 'data-period': periodOf(o) ?? '', 'data-subject': subjectOf(o) }) as HTMLAttributes<HTMLElement>}
        data-testid="figures-table"
      />
    </>
  );
};
