import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import type { MessageKey } from '../i18n/keys.js';
import { formatNumber, pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { applicationStateLabel, callStateLabel, formatDate } from '../modules/calls/utils/labels.js';
import { useIndicatorQuery } from '../modules/indicators/hooks/useIndicatorQuery.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { BilingualText } from '../modules/rdcentres/BilingualText.js';
import { useOpenRoundMutation, useRdApplicationsQuery, useRecognitionsQuery, useRoundsQuery, type RecognitionItem, type Round } from '../modules/rdcentres/hooks.js';
import { rdIssueText, yuan } from '../modules/rdcentres/labels.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import { SourceCitation } from '../ui/SourceCitation.js';
import '../modules/rdcentres/rdcentres.css';

/** The city's published count (107 recognised, with the 16 measures in its quote), never mixed with the platform's own. */
const PUBLISHED_CODE = 'foreign_rnd_centres';
const DERIVED_CODE = 'rd_centres_recognised';

const Figures = () => {
  const centre = useCurrentCentre();
  const { t, locale } = useI18n();
  const published = useIndicatorQuery(centre.id, PUBLISHED_CODE).data?.indicator;
  const cityFigures = (published?.observations ?? []).filter((o) => o.provenance !== 'derived' && o.value !== null);
  // The platform's own count, live from its records (the derived indicator, refreshed by the scheduler, names each record).
  const recognitions = useRecognitionsQuery(centre.id).data?.items ?? [];
  const latestYear = recognitions.map((r) => r.validFrom.slice(0, 4)).sort().at(-1);
  return (
    <Panel title={t('rdcentres.figures.title')} data-testid="rd-figures">
      <p className="kc-muted kc-small">{t('rdcentres.figures.hint')}</p>
      <div className="kc-rd-cards">
        {cityFigures.map((o) => (
          <div className="kc-rd-card" key={o.id} data-testid="rd-published-card">
            <div className="kc-rd-card-label">{published ? pickTitle({ titleZh: published.nameZh, titleEn: published.nameEn }, locale) : ''}</div>
            <div className="kc-rd-card-value">{formatNumber(o.value as number, locale, 0)}</div>
            <div className="kc-muted kc-small">{t('rdcentres.figures.publishedNote')}</div>
            <SourceCitation citation={o.citation} compact />
          </div>
        ))}
        <div className="kc-rd-card" data-testid="rd-derived-card">
          <div className="kc-rd-card-label">
            {t('rdcentres.figures.platform')} <SampleTag isSample={recognitions.some((r) => r.isSample)} />
          </div>
          <div className="kc-rd-card-value">{formatNumber(recognitions.length, locale, 0)}</div>
          <div className="kc-muted kc-small">
            {latestYear ? t('rdcentres.figures.platformNote', { period: latestYear }) : t('rdcentres.figures.platformNone')}
            {latestYear && (
              <>
                {' · '}
                <Link to={`/indicators/${DERIVED_CODE}`}>{t('rdcentres.figures.records')}</Link>
              </>
            )}
          </div>
        </div>
      </div>
    </Panel>
  );
};

type RoundForm = { programmeId: string; ownerEntityId: string; titleZh?: string; titleEn: string; deadline: { toISOString: () => string }; budget: number; jointProjects: number; localContracts: number; localHires: number; isSample?: boolean };

const RoundDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const programmes = (useProgrammesQuery(centre.id).data?.items ?? []).filter((p) => p.kind === 'recognition');
  const create = useOpenRoundMutation(centre.id);
  const [form] = Form.useForm<RoundForm>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await create.mutateAsync({ programmeId: v.programmeId, ownerEntityId: v.ownerEntityId, titleZh: v.titleZh?.trim() || null, titleEn: v.titleEn, deadline: v.deadline.toISOString(), budget: v.budget, isSample: v.isSample ?? false, assessment: { jointProjects: v.jointProjects, localContracts: v.localContracts, localHires: v.localHires } });
      onClose();
    } catch (e) {
      const map: Record<string, string> = { 'assessment.jointProjects': 'jointProjects', 'assessment.localContracts': 'localContracts', 'assessment.localHires': 'localHires' };
      setError(placeIssues(form, e, t, (path) => (map[path] ? [map[path] as string] : ['programmeId', 'ownerEntityId', 'titleZh', 'titleEn', 'deadline', 'budget'].includes(path) ? [path] : null), rdIssueText));
    }
  };
  return (
    <Modal open={open} title={t('rdcentres.round.newTitle')} onCancel={onClose} onOk={() => void submit()} okText={t('rdcentres.round.create')} confirmLoading={create.isPending} destroyOnHidden width={640} data-testid="rd-round-dialog">
      {programmes.length === 0 ? (
        <p role="alert">{t('rdcentres.round.programmeMissing')}</p>
      ) : (
        <Form form={form} layout="vertical" initialValues={{ programmeId: programmes[0]?.id, isSample: false }}>
          <Form.Item name="programmeId" label={t('rdcentres.round.programme')} rules={[{ required: true }]}>
            <Select options={programmes.map((p) => ({ value: p.id, label: pickTitle(p, locale) }))} />
          </Form.Item>
          <Form.Item name="ownerEntityId" label={t('rdcentres.round.owner')} extra={t('rdcentres.round.ownerHint')} rules={[{ required: true }]}>
            <EntityPicker data-testid="rd-round-owner" />
          </Form.Item>
          <Form.Item name="titleZh" label={t('rdcentres.round.titleZh')}>
            <Input />
          </Form.Item>
          <Form.Item name="titleEn" label={t('rdcentres.round.titleEn')} rules={[{ required: true, whitespace: true }]}>
            <Input />
          </Form.Item>
          <div className="kc-rd-inline-form">
            <Form.Item name="deadline" label={t('rdcentres.round.deadline')} rules={[{ required: true }]}>
              <DatePicker showTime />
            </Form.Item>
            <Form.Item name="budget" label={t('rdcentres.round.budget')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: 200 }} />
            </Form.Item>
          </div>
          <p className="kc-muted kc-small">{t('rdcentres.round.floorsHint')}</p>
          <div className="kc-rd-inline-form">
            {(['jointProjects', 'localContracts', 'localHires'] as const).map((m) => (
              <Form.Item key={m} name={m} label={t(`rdcentres.metric.${m}` as MessageKey)} rules={[{ required: true }]}>
                <InputNumber min={0} />
              </Form.Item>
            ))}
          </div>
          <Form.Item name="isSample" valuePropName="checked">
            <Checkbox>{t('rdcentres.round.sample')}</Checkbox>
          </Form.Item>
          {error && (
            <div className="kc-rd-error" role="alert">
              {error}
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
};

const RoundsPanel = ({ rounds, canApply }: { rounds: Round[]; canApply: boolean }) => {
  const { t, locale } = useI18n();
  const now = Date.now();
  return (
    <Panel title={t('rdcentres.rounds.title')} data-testid="rd-rounds">
      {rounds.length === 0 ? (
        <p className="kc-muted">{t('rdcentres.rounds.empty')}</p>
      ) : (
        <Table<Round>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rounds}
          columns={[
            {
              title: t('rdcentres.rounds.round'),
              render: (_, r) => (
                <span>
                  <Link to={`/calls/${encodeURIComponent(r.id)}`}>{pickTitle(r, locale)}</Link> <SampleTag isSample={r.isSample} />
                  <div className="kc-muted kc-small">{pickName(r.owner, locale)}</div>
                </span>
              ),
            },
            { title: t('rdcentres.rounds.state'), render: (_, r) => <Chip tone={r.state === 'published' ? 'accent' : 'default'}>{r.state === 'published' ? t('rdcentres.rounds.open') : callStateLabel(t, r.state)}</Chip> },
            { title: t('rdcentres.rounds.deadline'), render: (_, r) => formatDate(r.deadline, t) },
            { title: t('rdcentres.rounds.floors'), render: (_, r) => r.assessment.map((a) => `${t(`rdcentres.metric.${a.metric}` as MessageKey)} ≥ ${a.threshold}`).join(t('common.listSeparator')) },
            { title: t('rdcentres.rounds.applications'), dataIndex: 'applications' },
            {
              title: '',
              render: (_, r) =>
                canApply && r.state === 'published' && (!r.deadline || new Date(r.deadline).getTime() > now) ? (
                  <Link to={`/rd-centres/rounds/${encodeURIComponent(r.id)}/apply`} data-testid="rd-apply-link">
                    <Button type="primary">{t('rdcentres.rounds.apply')}</Button>
                  </Link>
                ) : null,
            },
          ]}
        />
      )}
    </Panel>
  );
};

const ApplicationsPanel = ({ officer }: { officer: boolean }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useRdApplicationsQuery(centre.id, true);
  const items = query.data?.items ?? [];
  return (
    <Panel title={t(officer ? 'rdcentres.applications.titleAll' : 'rdcentres.applications.titleMine')} data-testid="rd-applications">
      <QueryState isLoading={query.isLoading} error={query.error} isEmpty={items.length === 0} emptyText={t('rdcentres.applications.empty')} onRetry={() => void query.refetch()}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('rdcentres.field.name'), render: (_, a) => <Link to={`/rd-centres/applications/${encodeURIComponent(a.id)}`} data-testid="rd-application-link"><BilingualText text={a.name} /></Link> },
            { title: t('rdcentres.field.organisation'), render: (_, a) => pickName(a.organisation, locale) },
            { title: t('rdcentres.field.centreType'), render: (_, a) => t(`rdcentres.type.${a.centreType}` as MessageKey) },
            { title: t('rdcentres.rounds.round'), render: (_, a) => pickTitle({ titleZh: a.roundTitleZh, titleEn: a.roundTitleEn }, locale) },
            { title: t('rdcentres.rounds.state'), render: (_, a) => <Chip>{a.recognitionId ? t('rdcentres.recognised') : applicationStateLabel(t, a.state)}</Chip> },
            { title: t('rdcentres.applications.submitted'), render: (_, a) => formatDate(a.submittedAt, t) },
          ]}
        />
      </QueryState>
    </Panel>
  );
};

const statusTone = { active: 'accent', expired: 'default', revoked: 'warning' } as const;

const RecognisedPanel = ({ officer }: { officer: boolean }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const query = useRecognitionsQuery(centre.id);
  const items = query.data?.items ?? [];
  return (
    <Panel title={t('rdcentres.recognised.title')} data-testid="rd-recognised">
      {officer && <p className="kc-muted kc-small">{t('rdcentres.recognised.assessmentHint')}</p>}
      <QueryState isLoading={query.isLoading} error={query.error} isEmpty={items.length === 0} emptyText={t('rdcentres.recognised.empty')} onRetry={() => void query.refetch()}>
        <Table<RecognitionItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('rdcentres.field.name'), render: (_, r) => (officer && r.applicationId ? <Link to={`/rd-centres/applications/${encodeURIComponent(r.applicationId)}`}><BilingualText text={r.name} /></Link> : <BilingualText text={r.name} />) },
            { title: t('rdcentres.field.organisation'), render: (_, r) => <Link to={`/registry/${encodeURIComponent(r.entity.id)}`}>{pickName(r.entity, locale)}</Link> },
            { title: t('rdcentres.field.centreType'), render: (_, r) => t(`rdcentres.type.${r.centreType}` as MessageKey) },
            { title: t('rdcentres.recognition.validity'), render: (_, r) => `${formatDate(r.validFrom, t)} – ${formatDate(r.validTo, t)}` },
            { title: t('rdcentres.recognition.status'), render: (_, r) => (<span><Chip tone={statusTone[r.status]}>{t(`rdcentres.status.${r.status}` as MessageKey)}</Chip> <SampleTag isSample={r.isSample} /></span>) },
            ...(officer
              ? [
                  { title: t('rdcentres.support.total'), render: (_: unknown, r: RecognitionItem) => yuan(r.supportTotal, t) },
                  { title: t('rdcentres.metric.jointProjects'), render: (_: unknown, r: RecognitionItem) => r.assessment?.jointProjects ?? 0 },
                  { title: t('rdcentres.metric.localContracts'), render: (_: unknown, r: RecognitionItem) => r.assessment?.localContracts ?? 0 },
                  { title: t('rdcentres.metric.localHires'), render: (_: unknown, r: RecognitionItem) => r.assessment?.localHires ?? 0 },
                  { title: t('rdcentres.assessment.title'), render: (_: unknown, r: RecognitionItem) => (r.assessment ? <Chip tone={r.assessment.outcome === 'met' ? 'accent' : r.assessment.outcome === 'not_met' ? 'warning' : 'default'}>{t(`rdcentres.assessment.${r.assessment.outcome}` as MessageKey)}</Chip> : null) },
                ]
              : []),
          ]}
        />
      </QueryState>
    </Panel>
  );
};

/**
 * 外资研发中心: the city's published count beside the platform's own, the
 * recognition rounds (enterprise members apply from here), applications and
 * the recognised centres (with the comprehensive assessment for officers).
 */
export const RdCentresPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { can, user } = useSession();
  const navigate = useNavigate();
  const officer = can('calls:manage');
  const member = can('calls:apply') && !!user?.organisationId;
  const rounds = useRoundsQuery(centre.id);
  const [dialog, setDialog] = useState(false);
  return (
    <div className="kc-rd" data-testid="rdcentres-page">
      <PageHeader
        title={t('rdcentres.title')}
        intro={t('rdcentres.intro')}
        extra={
          officer && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog(true)} data-testid="rd-round-new">
              {t('rdcentres.round.new')}
            </Button>
          )
        }
      />
      <Figures />
      <QueryState isLoading={rounds.isLoading} error={rounds.error} onRetry={() => void rounds.refetch()}>
        <RoundsPanel rounds={rounds.data?.items ?? []} canApply={member} />
      </QueryState>
      {(officer || member) && <ApplicationsPanel officer={officer} />}
      <RecognisedPanel officer={officer} />
      {officer && (
        <RoundDialog
          open={dialog}
          onClose={() => {
            setDialog(false);
            void navigate('/rd-centres');
          }}
        />
      )}
    </div>
  );
};
