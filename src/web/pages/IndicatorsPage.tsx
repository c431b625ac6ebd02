import { AimOutlined, DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, Input, message, Segmented, Table, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { INDICATOR_LEVELS, type TIndicatorLevel } from '../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LevelTag } from '../modules/indicators/components/LevelTag.js';
import { ObservationTags } from '../modules/indicators/components/ObservationTags.js';
import { useIndicatorsQuery } from '../modules/indicators/hooks/useIndicatorsQuery.js';
import { useRefreshDerivedFiguresMutation } from '../modules/indicators/hooks/useRefreshDerivedFiguresMutation.js';
import { useSubjectNames } from '../modules/indicators/hooks/useSubjectNames.js';
import { useTargetsQuery } from '../modules/indicators/hooks/useTargetsQuery.js';
import { catalogueRows, countByLevel, filterCatalogue, type CatalogueRow } from '../modules/indicators/utils/catalogue.js';
import { formatObservationValue } from '../modules/indicators/utils/format-value.js';
import { LEVEL_KEY } from '../modules/indicators/utils/labels.js';
import { formatPeriod } from '../modules/indicators/utils/period.js';
import { INDICATOR_ROUTES, indicatorPath, observationsExportUrl } from '../modules/indicators/utils/paths.js';
import { subjectOf } from '../modules/indicators/utils/subjects.js';
import { unitLabel } from '../modules/indicators/utils/unit-label.js';
import { PageHeader } from '../ui/PageHeader.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import '../modules/indicators/indicators.css';

// Writers' dialog, fetched the first time it is opened.
const IndicatorFormDialog = lazy(() => import('../modules/indicators/components/IndicatorFormDialog.js').then((m) => ({ default: m.IndicatorFormDialog })));

const isLevel = (value: string | null): value is TIndicatorLevel => (INDICATOR_LEVELS as readonly string[]).includes(value ?? '');

/**
 * The indicator catalogue: one row per indicator with its level, unit, latest
 * figure (with period, qualifier and source), how many figures and targets it
 * has. Search, level and "has figures" live in the address; a row opens the
 * indicator. Writers define indicators and import figures.
 */
export const IndicatorsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const navigate = useNavigate();
  const [toast, toastHolder] = message.useMessage();
  const [params, setParams] = useSearchParams();
  const query = useIndicatorsQuery(centre.id, 'latest');
  const targets = useTargetsQuery(centre.id);
  const refresh = useRefreshDerivedFiguresMutation(centre.id);
  const [dialog, setDialog] = useState<{ open: boolean } | null>(null);
  const levelParam = params.get('level');
  const level = isLevel(levelParam) ? levelParam : null;
  const hasFigures = params.get('figures') === '1';
  const [q, setQ] = useState(params.get('q') ?? '');
  const canWrite = can('indicators:write');

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
        return next;
      },
      { replace: true },
    );

  const entityIds = useMemo(() => (query.data?.items ?? []).flatMap((i) => i.observations.flatMap((o) => (o.entityId ? [o.entityId] : []))), [query.data]);
  const subjects = useSubjectNames(centre.id, entityIds, locale);
  const all = useMemo(() => catalogueRows(query.data?.items ?? [], targets.data?.items ?? []), [query.data, targets.data]);
  const rows = useMemo(() => filterCatalogue(all, { q, level, hasFigures }), [all, q, level, hasFigures]);
  const perLevel = useMemo(() => countByLevel(all), [all]);

  const latestCell = (row: CatalogueRow) => {
    const latest = row.latest;
    if (!latest || latest.figures.length === 0) return <span className="kc-muted">{t('indicators.noObservations')}</span>;
    const period = latest.period ? formatPeriod(latest.period, t) : t('value.yearUnknown');
    if (latest.figures.length > 1) {
      return (
        <div data-testid="catalogue-latest">
          <Typography.Text strong>{t('indicators.catalogue.subjectsInPeriod', { count: latest.figures.length })}</Typography.Text>
          <div className="kc-muted kc-small">{period}</div>
        </div>
      );
    }
    const figure = latest.figures[0]!;
    const value = formatObservationValue(figure, row.indicator.unit, t);
    const subject = subjectOf(figure);
    return (
      <div data-testid="catalogue-latest">
        <Typography.Text strong={!value.missing} type={value.missing ? 'secondary' : undefined}>
          {value.text}
        </Typography.Text>
        <div className="kc-catalogue-latest-meta">
          <span className="kc-muted kc-small">
            {period}
            {subject !== subjects.rootAreaId ? ` · ${subjects.name(subject)}` : ''}
          </span>
          <ObservationTags observation={figure} />
          <SourceCitation citation={figure.citation} compact />
        </div>
      </div>
    );
  };

  const columns: TableProps<CatalogueRow>['columns'] = [
    {
      key: 'indicator',
      title: t('indicators.col.indicator'),
      render: (_, { indicator }) => (
        <div className="kc-catalogue-name">
          <Link to={indicatorPath(indicator.code)} onClick={(e) => e.stopPropagation()} data-testid="catalogue-link">
            <Typography.Text strong>{pickName(indicator, locale)}</Typography.Text>
          </Link>
          <SampleTag isSample={indicator.isSample} />
          {otherName(indicator, locale) && <div className="kc-muted kc-small">{otherName(indicator, locale)}</div>}
          <code className="kc-code">{indicator.code}</code>
        </div>
      ),
    },
    { key: 'level', title: t('indicators.col.level'), width: 110, render: (_, { indicator }) => <LevelTag level={indicator.level} /> },
    {
      key: 'unit',
      title: t('indicators.col.unit'),
      width: 130,
      responsive: ['md'],
      render: (_, { indicator }) => unitLabel(indicator.unit, t) ?? <span className="kc-muted">{t('indicators.none')}</span>,
    },
    { key: 'latest', title: t('indicators.col.latest'), width: 300, render: (_, row) => latestCell(row) },
    {
      key: 'figures',
      title: t('indicators.col.figures'),
      width: 90,
      align: 'right',
      render: (_, row) => <span data-testid="catalogue-figures">{formatNumber(row.figures, locale)}</span>,
    },
    {
      key: 'targets',
      title: t('indicators.col.targets'),
      width: 80,
      align: 'right',
      responsive: ['sm'],
      render: (_, row) => (row.targets > 0 ? <span data-testid="catalogue-targets">{formatNumber(row.targets, locale)}</span> : <span className="kc-muted">–</span>),
    },
  ];

  return (
    <div className="kc-page kc-indicators" data-testid="indicators-page">
      {toastHolder}
      <PageHeader
        title={t('indicators.title')}
        intro={t('indicators.intro')}
        extra={
          <div className="kc-indicators-actions">
            <Button icon={<AimOutlined />} onClick={() => navigate(INDICATOR_ROUTES.targets)} data-testid="indicators-targets">
              {t('indicators.targetsLink')}
            </Button>
            {canWrite && (
              <Button
                icon={<ReloadOutlined />}
                loading={refresh.isPending}
                title={t('indicators.derived.hint')}
                onClick={() =>
                  refresh.mutate(undefined, {
                    onSuccess: ({ items }) => {
                      const sum = (k: 'inserted' | 'updated' | 'unchanged' | 'withdrawn') => formatNumber(items.reduce((n, r) => n + r[k], 0), locale);
                      void toast.success(t('indicators.derived.done', { inserted: sum('inserted'), updated: sum('updated'), unchanged: sum('unchanged'), withdrawn: sum('withdrawn') }));
                    },
                    onError: (err) => void toast.error(errorMessage(err, t)),
                  })
                }
                data-testid="indicators-refresh-derived"
              >
                {t('indicators.derived.refresh')}
              </Button>
            )}
            {canWrite && (
              <Button icon={<UploadOutlined />} onClick={() => navigate(INDICATOR_ROUTES.import)} data-testid="indicators-import">
                {t('indicators.importFigures')}
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true })} data-testid="indicators-new">
                {t('indicators.new')}
              </Button>
            )}
          </div>
        }
      />
      <div className="kc-catalogue-filters" role="search">
        <Input.Search
          allowClear
          value={q}
          placeholder={t('indicators.searchPlaceholder')}
          aria-label={t('indicators.search')}
          onChange={(e) => {
            setQ(e.target.value);
            set({ q: e.target.value.trim() || undefined });
          }}
          className="kc-catalogue-search"
          data-testid="indicators-search"
        />
        <Segmented
          value={level ?? 'all'}
          onChange={(v) => set({ level: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('indicators.level.all', { count: all.length }) },
            ...INDICATOR_LEVELS.map((l) => ({ value: l, label: `${t(LEVEL_KEY[l])} ${perLevel[l] ?? 0}`, disabled: !perLevel[l] && level !== l })),
          ]}
          data-testid="indicators-level"
        />
        <Checkbox checked={hasFigures} onChange={(e) => set({ figures: e.target.checked ? '1' : undefined })} data-testid="indicators-has-figures">
          {t('indicators.hasFigures')}
        </Checkbox>
      </div>
      <div className="kc-catalogue-summary">
        <span className="kc-muted" data-testid="indicators-total">
          {t('indicators.catalogue.shown', { shown: formatNumber(rows.length, locale), total: formatNumber(all.length, locale) })}
        </span>
        <span className="kc-catalogue-export">
          <DownloadOutlined aria-hidden /> {t('indicators.export.all')}
          <a href={observationsExportUrl(centre.id, 'xlsx', locale === 'zh-CN' ? 'zh' : 'en')} download data-testid="indicators-export-xlsx">
            Excel
          </a>
          <a href={observationsExportUrl(centre.id, 'csv', locale === 'zh-CN' ? 'zh' : 'en')} download data-testid="indicators-export-csv">
            CSV
          </a>
        </span>
      </div>
      <Table<CatalogueRow>
        rowKey={(r) => r.indicator.id}
        columns={columns}
        dataSource={rows}
        loading={query.isLoading}
        size="middle"
        className="kc-table kc-catalogue"
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 820 }}
        onRow={(row) =>
          ({
            onClick: () => navigate(indicatorPath(row.indicator.code)),
            'data-testid': 'catalogue-row',
            'data-code': row.indicator.code,
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: query.error ? errorMessage(query.error, t) : all.length > 0 ? t('indicators.catalogue.noMatch') : t('indicators.empty') }}
        data-testid="indicators-table"
      />
      {dialog && (
        <Suspense fallback={null}>
          <IndicatorFormDialog
            open={dialog.open}
            onClose={() => setDialog({ open: false })}
            afterClose={() => setDialog(null)}
            onDone={(created) => {
              setDialog({ open: false });
              navigate(indicatorPath(created.code), { state: { notice: t('indicators.form.created', { name: pickName(created, locale) }) } });
            }}
          />
        </Suspense>
      )}
    </div>
  );
};
