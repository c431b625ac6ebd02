import { AimOutlined, ArrowLeftOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, message } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { TObservation } from '../../shared/schemas/indicators.js';
import { isApiError } from '../app/api.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { IndicatorSeriesPanel } from '../modules/indicators/components/IndicatorSeriesPanel.js';
import { LevelTag } from '../modules/indicators/components/LevelTag.js';
import { ObservationsTable } from '../modules/indicators/components/ObservationsTable.js';
import { SubjectComparisonPanel } from '../modules/indicators/components/SubjectComparisonPanel.js';
import { TargetSummary } from '../modules/indicators/components/TargetSummary.js';
import { useDeleteObservationMutation } from '../modules/indicators/hooks/useDeleteObservationMutation.js';
import { useIndicatorQuery } from '../modules/indicators/hooks/useIndicatorQuery.js';
import { useSubjectNames } from '../modules/indicators/hooks/useSubjectNames.js';
import { DIRECTION_KEY, directionChoice, FREQUENCY_KEY } from '../modules/indicators/utils/labels.js';
import { INDICATOR_ROUTES, observationsExportUrl } from '../modules/indicators/utils/paths.js';
import { unitLabel } from '../modules/indicators/utils/unit-label.js';
import { useSourcesQuery } from '../modules/sources/hooks/useSourcesQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import '../modules/indicators/indicators.css';

// Writers' dialogs, fetched the first time one is opened.
const IndicatorFormDialog = lazy(() => import('../modules/indicators/components/IndicatorFormDialog.js').then((m) => ({ default: m.IndicatorFormDialog })));
const ObservationFormDialog = lazy(() => import('../modules/indicators/components/ObservationFormDialog.js').then((m) => ({ default: m.ObservationFormDialog })));
const TargetFormDialog = lazy(() => import('../modules/indicators/components/TargetFormDialog.js').then((m) => ({ default: m.TargetFormDialog })));

type Dialog = { kind: 'indicator' } | { kind: 'figure'; observation?: TObservation } | { kind: 'target' };

/**
 * One indicator: its definition and defining source, its figures over time
 * (one line per subject, with its targets) and side by side for a period,
 * every figure with its provenance and source, its targets with progress, and
 * the figures as CSV or Excel. Writers add, correct and withdraw figures, edit
 * the definition and set targets.
 */
export const IndicatorPage = () => {
  const { code = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [toast, toastHolder] = message.useMessage();
  const query = useIndicatorQuery(centre.id, code);
  const sources = useSourcesQuery(centre.id);
  const withdraw = useDeleteObservationMutation(centre.id);
  const [dialog, setDialog] = useState<(Dialog & { open: boolean }) | null>(null);
  const indicator = query.data?.indicator;
  const targets = useMemo(() => query.data?.targets ?? [], [query.data]);
  const entityIds = useMemo(
    () => [...(indicator?.observations ?? []).flatMap((o) => (o.entityId ? [o.entityId] : [])), ...targets.flatMap((g) => (g.entityId ? [g.entityId] : []))],
    [indicator, targets],
  );
  const subjects = useSubjectNames(centre.id, entityIds, locale);
  const canWrite = can('indicators:write');
  const headers = locale === 'zh-CN' ? 'zh' : 'en';

  // A message handed over by the page that sent us here ("created").
  const notice = (location.state as { notice?: string } | null)?.notice;
  useEffect(() => {
    if (!notice) return;
    void toast.success(notice);
    navigate(location.pathname, { replace: true, state: null });
  }, [notice, toast, navigate, location.pathname]);

  const open = (d: Dialog) => setDialog({ ...d, open: true });
  const close = () => setDialog((d) => (d ? { ...d, open: false } : d));
  const done = (text: string) => {
    close();
    void toast.success(text);
  };

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(INDICATOR_ROUTES.catalogue)} className="kc-back" data-testid="indicator-back">
      {t('indicators.back')}
    </Button>
  );

  if (isApiError(query.error) && query.error.status === 404) {
    return (
      <div className="kc-page">
        {back}
        <StatusMessage status="notFound" title={t('indicators.notFound', { code })} action={<Link to={INDICATOR_ROUTES.catalogue}>{t('indicators.back')}</Link>} />
      </div>
    );
  }

  const definingSource = indicator?.sourceId ? sources.data?.items.find((s) => s.id === indicator.sourceId) : undefined;
  const definition = indicator ? (locale === 'zh-CN' ? (indicator.definitionZh ?? indicator.definitionEn) : (indicator.definitionEn ?? indicator.definitionZh)) : null;
  const otherDefinition = indicator ? (locale === 'zh-CN' ? indicator.definitionEn : indicator.definitionZh) : null;

  return (
    <div className="kc-page kc-indicators" data-testid="indicator-page">
      {toastHolder}
      {back}
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} skeletonRows={8}>
        {indicator && (
          <>
            <PageHeader
              title={
                <span data-testid="indicator-title">
                  {pickName(indicator, locale)}
                  <SampleTag isSample={indicator.isSample} />
                </span>
              }
              intro={
                <span className="kc-indicator-subtitle">
                  {otherName(indicator, locale) && <span>{otherName(indicator, locale)}</span>}
                  <code className="kc-code">{indicator.code}</code>
                  <LevelTag level={indicator.level} />
                </span>
              }
              extra={
                canWrite ? (
                  <div className="kc-indicators-actions">
                    <Button icon={<EditOutlined />} onClick={() => open({ kind: 'indicator' })} data-testid="indicator-edit">
                      {t('indicators.edit')}
                    </Button>
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'figure' })} data-testid="indicator-add-figure">
                      {t('indicators.figure.add')}
                    </Button>
                  </div>
                ) : undefined
              }
            />
            <div className="kc-grid kc-grid-main kc-indicator-top">
              <Panel title={t('indicators.definition')} data-testid="indicator-definition">
                {definition ? <p className="kc-indicator-definition">{definition}</p> : <p className="kc-muted">{t('indicators.noDefinition')}</p>}
                {otherDefinition && otherDefinition !== definition && <p className="kc-indicator-definition-other kc-muted">{otherDefinition}</p>}
                <dl className="kc-indicator-facts">
                  <div>
                    <dt>{t('indicators.col.unit')}</dt>
                    <dd>{unitLabel(indicator.unit, t) ?? t('indicators.none')}</dd>
                  </div>
                  <div>
                    <dt>{t('indicators.form.direction')}</dt>
                    <dd>{t(DIRECTION_KEY[directionChoice(indicator.direction)])}</dd>
                  </div>
                  <div>
                    <dt>{t('indicators.form.frequency')}</dt>
                    <dd>{indicator.frequency ? t(FREQUENCY_KEY[indicator.frequency]) : t('indicators.notStated')}</dd>
                  </div>
                  <div>
                    <dt>{t('indicators.definingSource')}</dt>
                    <dd data-testid="indicator-defining-source">
                      {definingSource ? <SourceCitation citation={{ ...definingSource, sourceId: definingSource.id }} /> : <span className="kc-muted">{t('indicators.none')}</span>}
                    </dd>
                  </div>
                </dl>
              </Panel>
              <Panel
                title={t('indicators.targetsTitle')}
                data-testid="indicator-targets"
                extra={
                  <span className="kc-indicators-actions">
                    {canWrite && (
                      <Button size="small" icon={<PlusOutlined />} onClick={() => open({ kind: 'target' })} data-testid="indicator-new-target">
                        {t('indicators.targetForm.newTitle')}
                      </Button>
                    )}
                    <Link to={INDICATOR_ROUTES.targets}>
                      <AimOutlined aria-hidden /> {t('indicators.targetsLink')}
                    </Link>
                  </span>
                }
              >
                {targets.length === 0 ? (
                  <p className="kc-muted">{t('indicators.noTargets')}</p>
                ) : (
                  <ul className="kc-plain-list kc-indicator-target-list">
                    {targets.map((target) => (
                      <li key={target.id}>
                        <TargetSummary target={target} subjectName={target.areaId === subjects.rootAreaId && !target.entityId ? null : subjects.name(target.entityId ?? target.areaId ?? '')} />
                      </li>
                    ))}
                  </ul>
                )}
              </Panel>
            </div>
            <IndicatorSeriesPanel indicator={indicator} targets={targets} subjects={subjects} />
            <SubjectComparisonPanel indicator={indicator} subjects={subjects} />
            <Panel
              title={t('indicators.figuresTitle', { count: indicator.observations.length })}
              data-testid="indicator-figures"
              extra={
                <span className="kc-catalogue-export">
                  <DownloadOutlined aria-hidden /> {t('indicators.export.one')}
                  <a href={observationsExportUrl(centre.id, 'xlsx', headers, indicator.code)} download data-testid="indicator-export-xlsx">
                    Excel
                  </a>
                  <a href={observationsExportUrl(centre.id, 'csv', headers, indicator.code)} download data-testid="indicator-export-csv">
                    CSV
                  </a>
                </span>
              }
            >
              <ObservationsTable
                indicator={indicator}
                subjects={subjects}
                {...(canWrite
                  ? {
                      onCorrect: (observation: TObservation) => open({ kind: 'figure', observation }),
                      onWithdraw: (observation: TObservation) =>
                        withdraw.mutate(observation.id, {
                          onSuccess: () => void toast.success(t('indicators.figure.withdrawn')),
                          onError: (err) => void toast.error(errorMessage(err, t)),
                        }),
                      withdrawingId: withdraw.isPending ? (withdraw.variables ?? null) : null,
                    }
                  : {})}
              />
            </Panel>
            {dialog && (
              <Suspense fallback={null}>
                {dialog.kind === 'indicator' && (
                  <IndicatorFormDialog
                    open={dialog.open}
                    onClose={close}
                    afterClose={() => setDialog(null)}
                    indicator={indicator}
                    onDone={() => done(t('indicators.form.saved'))}
                  />
                )}
                {dialog.kind === 'figure' && (
                  <ObservationFormDialog
                    open={dialog.open}
                    onClose={close}
                    afterClose={() => setDialog(null)}
                    indicator={indicator}
                    {...(dialog.observation ? { observation: dialog.observation } : {})}
                    subjects={subjects}
                    onDone={done}
                  />
                )}
                {dialog.kind === 'target' && (
                  <TargetFormDialog
                    open={dialog.open}
                    mode="create"
                    onClose={close}
                    afterClose={() => setDialog(null)}
                    indicators={[indicator]}
                    indicatorCode={indicator.code}
                    subjects={subjects}
                    onDone={done}
                  />
                )}
              </Suspense>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
};
