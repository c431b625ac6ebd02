import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Switch, Table, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { ExpertDialog } from '../modules/calls/components/ExpertDialog.js';
import { ProgrammeDialog } from '../modules/calls/components/ProgrammeDialog.js';
import { useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { useExpertsQuery, useUpdateExpertMutation } from '../modules/calls/hooks/useReview.js';
import type { Expert, Programme } from '../modules/calls/types.js';
import { failureText, programmeKindLabel } from '../modules/calls/utils/labels.js';
import { CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { criterionRange, weightShares } from '../modules/calls/utils/programme.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/calls/calls.css';

const ReviewSettings = ({ p }: { p: Programme }) => {
  const { t } = useI18n();
  const s = p.settings;
  return (
    <ul className="kc-calls-settings" data-testid="programme-settings">
      <li>{t('calls.admin.summaryReviewers', { count: s.minReviewers, completed: s.minCompletedReviews })}</li>
      <li>{t('calls.admin.summaryCoi', { count: s.coiYears })}</li>
      <li>{t('calls.admin.summaryConsortium', { count: s.consortiumYears })}</li>
      <li>{t('calls.admin.summaryAppeal', { count: s.appealDays })}</li>
      <li>{s.discloseReviewers ? t('calls.admin.summaryDisclose') : t('calls.admin.summaryAnonymous')}</li>
      {s.requiredDeclarations.length > 0 && <li>{t('calls.admin.summaryDeclarations', { codes: s.requiredDeclarations.join(t('calls.listSep')) })}</li>}
    </ul>
  );
};

const ScoringForm = ({ p }: { p: Programme }) => {
  const { t } = useI18n();
  const form = p.settings.form;
  const shares = weightShares(form);
  return (
    <div data-testid="programme-form-summary">
      <ul className="kc-calls-settings">
        {form.criteria.map((c) => {
          const range = criterionRange(c);
          const parts = [
            t(`calls.admin.criterionKind.${c.kind}`) + (range ? ` ${range}` : ''),
            t('calls.admin.criterionWeight', { weight: c.weight, share: shares[c.id] ?? 0 }),
            ...(c.threshold !== null ? [t('calls.admin.criterionPassMark', { value: c.threshold })] : []),
            ...(c.commentBelow === null ? [] : c.kind === 'pass_fail' ? [t('calls.admin.criterionCommentOnFail')] : [t('calls.admin.criterionCommentBelow', { value: c.commentBelow })]),
          ];
          return (
            <li key={c.id} data-testid="programme-criterion">
              <strong>{c.label}</strong> <span className="kc-muted kc-small">({c.id})</span>: {parts.join(t('calls.listSep'))}
            </li>
          );
        })}
      </ul>
      <div className="kc-muted kc-small">
        {t(`calls.admin.aggregation.${form.aggregation}`)}
        {form.overallThreshold !== null && `${t('calls.listSep')}${t('calls.admin.overallPassMark', { value: form.overallThreshold })}`}
      </div>
    </div>
  );
};

const ProgrammesTab = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const programmes = useProgrammesQuery(centreId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Programme | null>(null);
  return (
    <div className="kc-calls-tab">
      <div className="kc-calls-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="programme-new">
          {t('calls.admin.newProgramme')}
        </Button>
      </div>
      <QueryState isLoading={programmes.isLoading} error={programmes.error} onRetry={() => void programmes.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          data-testid="programmes-table"
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: t('calls.admin.programmesEmpty') }}
          dataSource={programmes.data?.items ?? []}
          onRow={() => ({ 'data-testid': 'programme-row' }) as object}
          columns={[
            {
              key: 'title',
              title: t('calls.admin.colTitle'),
              width: 240,
              render: (_, p) => (
                <span>
                  {pickTitle(p, locale)}
                  <SampleTag isSample={p.isSample} />
                </span>
              ),
            },
            { key: 'kind', title: t('calls.admin.colKind'), width: 130, render: (_, p) => programmeKindLabel(t, p.kind) },
            { key: 'year', title: t('calls.admin.colYear'), width: 70, render: (_, p) => p.year ?? t('calls.none') },
            { key: 'review', title: t('calls.admin.colReview'), width: 300, render: (_, p) => <ReviewSettings p={p} /> },
            { key: 'form', title: t('calls.admin.colForm'), render: (_, p) => <ScoringForm p={p} /> },
            {
              key: 'edit',
              width: 90,
              render: (_, p) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(p)} data-testid="programme-edit">
                  {t('calls.admin.edit')}
                </Button>
              ),
            },
          ]}
        />
      </QueryState>
      {creating && <ProgrammeDialog centreId={centreId} open onClose={() => setCreating(false)} />}
      {editing && <ProgrammeDialog centreId={centreId} open programme={editing} onClose={() => setEditing(null)} key={editing.id} />}
    </div>
  );
};

const ExpertsTab = ({ centreId }: { centreId: string }) => {
  const { t, locale } = useI18n();
  const experts = useExpertsQuery(centreId, true);
  const update = useUpdateExpertMutation(centreId);
  const [editing, setEditing] = useState<Expert | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setActive = (e: Expert, active: boolean) => {
    setError(null);
    update.mutate({ id: e.id, patch: { active } }, { onError: (err) => setError(failureText(err, t)) });
  };
  return (
    <div className="kc-calls-tab">
      <div className="kc-calls-toolbar">
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="expert-add">
          {t('calls.admin.addExpert')}
        </Button>
      </div>
      {error && (
        <div className="kc-calls-error" role="alert" data-testid="expert-error">
          {error}
        </div>
      )}
      <QueryState isLoading={experts.isLoading} error={experts.error} onRetry={() => void experts.refetch()}>
        <Table
          rowKey="id"
          size="middle"
          data-testid="experts-table"
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('calls.admin.expertsEmpty') }}
          dataSource={experts.data?.items ?? []}
          onRow={(e) => ({ 'data-testid': 'expert-row', 'data-active': String(e.active) }) as object}
          columns={[
            { key: 'name', title: t('calls.expert'), render: (_, e) => <Link to={entityPath(e.entity.id)}>{pickName(e.entity, locale)}</Link> },
            {
              key: 'fields',
              title: t('calls.fields'),
              render: (_, e) => (
                <span className="kc-calls-chips">
                  {e.fields.map((f) => (
                    <Chip key={f}>{f}</Chip>
                  ))}
                </span>
              ),
            },
            {
              key: 'load',
              title: t('calls.admin.colLoad'),
              width: 110,
              align: 'right',
              render: (_, e) => (
                <span className={e.load >= e.maxLoad ? 'kc-calls-error-inline' : undefined} data-testid="expert-load">
                  {e.load} / {e.maxLoad}
                </span>
              ),
            },
            {
              key: 'active',
              title: t('calls.admin.colActive'),
              width: 150,
              render: (_, e) => (
                <span className="kc-calls-toolbar">
                  <Switch
                    size="small"
                    checked={e.active}
                    loading={update.isPending && update.variables?.id === e.id}
                    onChange={(v) => setActive(e, v)}
                    aria-label={t('calls.admin.toggleActive', { name: pickName(e.entity, locale) })}
                    data-testid="expert-active"
                  />
                  <Chip tone={e.active ? 'accent' : 'warning'}>{e.active ? t('calls.admin.active') : t('calls.admin.paused')}</Chip>
                </span>
              ),
            },
            {
              key: 'account',
              title: t('calls.admin.colAccount'),
              width: 140,
              render: (_, e) =>
                e.userId ? (
                  <code className="kc-small" title={e.userId}>
                    {e.userId.slice(0, 8)}…
                  </code>
                ) : (
                  <span className="kc-muted">{t('calls.admin.notLinked')}</span>
                ),
            },
            {
              key: 'edit',
              title: '',
              width: 90,
              render: (_, e) => (
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(e)} data-testid="expert-edit">
                  {t('calls.admin.edit')}
                </Button>
              ),
            },
          ]}
        />
      </QueryState>
      {editing && <ExpertDialog centreId={centreId} expert={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
    </div>
  );
};

/** 项目与专家库 / Programmes and experts (officers): programmes with their review settings and scoring forms, and the expert pool. */
export const CallsAdminPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'experts' ? 'experts' : 'programmes';
  return (
    <div className="kc-calls" data-testid="calls-admin-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(CALL_ROUTES.list)} data-testid="calls-admin-back">
        {t('calls.backToList')}
      </Button>
      <PageHeader title={t('calls.admin.title')} intro={t('calls.admin.intro')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'experts' ? { tab: key } : {}, { replace: true })}
        items={[
          { key: 'programmes', label: t('calls.admin.tabProgrammes'), children: <ProgrammesTab centreId={centre.id} /> },
          { key: 'experts', label: t('calls.admin.tabExperts'), children: <ExpertsTab centreId={centre.id} /> },
        ].map((i) => ({ ...i, label: <span data-testid={`calls-admin-tab-${i.key}`}>{i.label}</span> }))}
      />
    </div>
  );
};
