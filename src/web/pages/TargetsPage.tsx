import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, message, Popconfirm, Table, Tag, Typography, type TableProps } from 'antd';
import { lazy, Suspense, useMemo, useState, type HTMLAttributes } from 'react';
import type { TProgressStatus, TTarget } from '../../shared/schemas/indicators.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { formatNumber, formatPartialDate, otherName, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ProgressStatusTag } from '../modules/indicators/components/ProgressStatusTag.js';
import type { TargetDialogMode } from '../modules/indicators/components/TargetFormDialog.js';
import { TargetSummary } from '../modules/indicators/components/TargetSummary.js';
import { useDeleteTargetMutation } from '../modules/indicators/hooks/useDeleteTargetMutation.js';
import { useIndicatorsQuery } from '../modules/indicators/hooks/useIndicatorsQuery.js';
import { useSubjectNames } from '../modules/indicators/hooks/useSubjectNames.js';
import { useTargetsQuery } from '../modules/indicators/hooks/useTargetsQuery.js';
import { PROGRESS_KEY } from '../modules/indicators/utils/labels.js';
import { formatDeadline } from '../modules/indicators/utils/period.js';
import { countByStatus, isQuantitative, sortTargets, STATUS_COLOUR } from '../modules/indicators/utils/progress.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import '../modules/indicators/indicators.css';

// Writers' dialog, fetched the first time it is opened.
const TargetFormDialog = lazy(() => import('../modules/indicators/components/TargetFormDialog.js').then((m) => ({ default: m.TargetFormDialog })));

const STATUS_ORDER: readonly TProgressStatus[] = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'awaiting_figures', 'in_progress', 'no_data', 'not_assessed'];

/**
 * 目标与进度 / Targets & progress: the quantitative targets with how far each
 * has come (from the figures, as of the server's date), and the qualitative
 * goals of the sources with their quote, deadline and assessment. Writers set,
 * edit, assess and remove targets.
 */
export const TargetsPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const [toast, toastHolder] = message.useMessage();
  const query = useTargetsQuery(centre.id);
  const indicators = useIndicatorsQuery(centre.id);
  const remove = useDeleteTargetMutation(centre.id);
  const [dialog, setDialog] = useState<{ mode: TargetDialogMode; target?: TTarget; open: boolean } | null>(null);
  const canWrite = can('indicators:write');
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const entityIds = useMemo(() => items.flatMap((g) => (g.entityId ? [g.entityId] : [])), [items]);
  const subjects = useSubjectNames(centre.id, entityIds, locale);
  const quantitative = useMemo(() => sortTargets(items.filter(isQuantitative)), [items]);
  const goals = useMemo(() => sortTargets(items.filter((g) => !isQuantitative(g))), [items]);
  const counts = useMemo(() => countByStatus(items), [items]);
  const indicatorName = (code: string | null) => {
    const found = code ? indicators.data?.items.find((i) => i.code === code) : undefined;
    return found ? pickName(found, locale) : code;
  };
  const subjectName = (g: TTarget) => (!g.entityId && (!g.areaId || g.areaId === subjects.rootAreaId) ? null : subjects.name(g.entityId ?? g.areaId ?? ''));

  const open = (mode: TargetDialogMode, target?: TTarget) => setDialog({ mode, ...(target ? { target } : {}), open: true });
  const close = () => setDialog((d) => (d ? { ...d, open: false } : d));

  const actions = (g: TTarget, assess: boolean) =>
    canWrite ? (
      <span className="kc-row-actions">
        {assess && (
          <Button size="small" icon={<CheckCircleOutlined />} onClick={() => open('assess', g)} data-testid="target-assess">
            {t('indicators.targetForm.assess')}
          </Button>
        )}
        <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('indicators.targetForm.editTitle')} title={t('indicators.targetForm.editTitle')} onClick={() => open('edit', g)} data-testid="target-edit" />
        <Popconfirm
          title={t('indicators.targetForm.deleteConfirm', { name: pickName(g, locale) })}
          description={t('indicators.targetForm.deleteHint')}
          okText={t('indicators.targetForm.delete')}
          okButtonProps={{ danger: true, ...({ 'data-testid': 'target-delete-confirm' } as Record<`data-${string}`, string>) }}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            remove.mutate(g.id, {
              onSuccess: () => void toast.success(t('indicators.targetForm.deleted')),
              onError: (err) => void toast.error(errorMessage(err, t)),
            })
          }
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('indicators.targetForm.delete')} title={t('indicators.targetForm.delete')} loading={remove.isPending && remove.variables === g.id} data-testid="target-delete" />
        </Popconfirm>
      </span>
    ) : null;

  const goalColumns: TableProps<TTarget>['columns'] = [
    {
      key: 'goal',
      title: t('indicators.goals.col.goal'),
      width: 380,
      render: (_, g) => (
        <div className="kc-goal">
          <Typography.Text strong data-testid="target-name">
            {pickName(g, locale)}
          </Typography.Text>
          <SampleTag isSample={g.isSample} />
          {otherName(g, locale) && <div className="kc-muted kc-small">{otherName(g, locale)}</div>}
          {g.description && (
            <div className="kc-goal-description kc-small" title={g.description}>
              {g.description}
            </div>
          )}
          <code className="kc-code">{g.code}</code>
        </div>
      ),
    },
    {
      key: 'quote',
      title: t('indicators.goals.col.source'),
      responsive: ['lg'],
      render: (_, g) =>
        g.citation ? (
          <div className="kc-goal-source">
            {g.citation.quote && <p className="kc-goal-quote">“{g.citation.quote}”</p>}
            <SourceCitation citation={g.citation} />
          </div>
        ) : (
          <span className="kc-muted">{t('source.none')}</span>
        ),
    },
    {
      key: 'deadline',
      title: t('indicators.target.deadline'),
      width: 120,
      render: (_, g) => (g.deadline ? formatDeadline(g.deadline, t) : <span className="kc-muted">{t('indicators.target.noDeadline')}</span>),
    },
    {
      key: 'assessment',
      title: t('indicators.goals.col.assessment'),
      width: 200,
      render: (_, g) => (
        <div>
          <ProgressStatusTag status={g.progress.status} assessed={g.progress.basis === 'assessment'} />
          {g.assessmentNote && <div className="kc-small kc-goal-note">{g.assessmentNote}</div>}
        </div>
      ),
    },
  ];
  if (canWrite) goalColumns.push({ key: 'actions', title: <span className="kc-visually-hidden">{t('indicators.col.actions')}</span>, width: 140, render: (_, g) => actions(g, true) });

  return (
    <div className="kc-page kc-indicators" data-testid="targets-page">
      {toastHolder}
      <PageHeader
        title={t('indicators.targets.title')}
        intro={t('indicators.targets.intro')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('create')} data-testid="targets-new">
              {t('indicators.targetForm.newTitle')}
            </Button>
          ) : undefined
        }
      />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()} skeletonRows={8}>
        {query.data && (
          <>
            <div className="kc-targets-summary" data-testid="targets-summary">
              <span className="kc-muted" data-testid="targets-as-of">
                {t('indicators.targets.asOf', { date: formatPartialDate(query.data.asOf.slice(0, 10), locale) })}
              </span>
              <span className="kc-targets-counts">
                {STATUS_ORDER.filter((s) => counts[s]).map((s) => (
                  <Tag key={s} color={STATUS_COLOUR[s]} className="kc-targets-count" data-testid="targets-count" data-status={s}>
                    {t(PROGRESS_KEY[s])} <strong>{formatNumber(counts[s] ?? 0, locale)}</strong>
                  </Tag>
                ))}
              </span>
            </div>
            <Panel title={t('indicators.targets.quantitative', { count: quantitative.length })} data-testid="targets-quantitative">
              {quantitative.length === 0 ? (
                <p className="kc-muted">{t('indicators.targets.quantitativeEmpty')}</p>
              ) : (
                <div className="kc-targets-grid">
                  {quantitative.map((g) => (
                    <TargetSummary key={g.id} target={g} subjectName={subjectName(g)} indicatorName={indicatorName(g.indicatorCode)} actions={actions(g, false)} />
                  ))}
                </div>
              )}
            </Panel>
            <Panel title={t('indicators.targets.goals', { count: goals.length })} data-testid="targets-goals">
              <p className="kc-muted kc-small kc-panel-intro">{t('indicators.targets.goalsIntro')}</p>
              <Table<TTarget>
                rowKey="id"
                size="middle"
                className="kc-table"
                columns={goalColumns}
                dataSource={goals}
                pagination={false}
                scroll={{ x: 1100 }}
                locale={{ emptyText: t('indicators.targets.goalsEmpty') }}
                onRow={(g) => ({ 'data-testid': 'goal-row', 'data-code': g.code }) as HTMLAttributes<HTMLElement>}
              />
            </Panel>
          </>
        )}
      </QueryState>
      {dialog && (
        <Suspense fallback={null}>
          <TargetFormDialog
            open={dialog.open}
            mode={dialog.mode}
            onClose={close}
            afterClose={() => setDialog(null)}
            {...(dialog.target ? { target: dialog.target } : {})}
            indicators={indicators.data?.items ?? []}
            subjects={subjects}
            onDone={(text) => {
              close();
              void toast.success(text);
            }}
          />
        </Suspense>
      )}
    </div>
  );
};
