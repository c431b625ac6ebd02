import { ArrowLeftOutlined, CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { COHORT_EXIT_KINDS, COHORT_TERMS } from '../../shared/schemas/incubators.js';
import { useCentreToday, useCurrentCentre } from '../app/centre.js';
import { errorMessage, placeIssues } from '../app/errors.js';
import { useSession } from '../app/session.js';
import { EChart } from '../charts/EChart.js';
import { useChartTheme } from '../charts/useChartTheme.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { buildFunnelOption } from '../modules/incubators/chart-options.js';
import { useAddCohortMutation, useAddResidentMutation, useIncubatorQuery, useUpdateIncubatorMutation, useUpdateResidentMutation, type Cohort, type Funnel, type Resident } from '../modules/incubators/hooks.js';
import { exitLabel, issueText, pct, termLabel, typeLabel } from '../modules/incubators/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/incubators/incubators.css';


const FunnelCards = ({ funnel }: { funnel: Funnel }) => {
  const { t } = useI18n();
  const cards: [string, string][] = [
    [t('incubators.col.members'), String(funnel.members)],
    [t('incubators.col.survival'), pct(funnel.survivalRate)],
    [t('incubators.col.graduation'), pct(funnel.graduationRate)],
    [t('incubators.col.funding'), pct(funnel.fundingRate)],
    [t('incubators.col.contracts'), pct(funnel.contractRate)],
    [t('incubators.col.patents'), pct(funnel.patentRate)],
  ];
  return (
    <div className="kc-inc-cards">
      {cards.map(([label, value]) => (
        <div key={label} className="kc-inc-card">
          <span className="kc-muted kc-small">{label}</span>
          <span className="kc-inc-card-value">{value}</span>
        </div>
      ))}
    </div>
  );
};

/** One cohort: its start-ups with what the funnel found for each, the funnel chart, and (for keepers) entries and exits. */
const CohortPanel = ({ centreId, incubatorId, cohort, keeper }: { centreId: string; incubatorId: string; cohort: Cohort; keeper: boolean }) => {
  const { t, locale } = useI18n();
  const theme = useChartTheme();
  const addResident = useAddResidentMutation(centreId, incubatorId);
  const updateResident = useUpdateResidentMutation(centreId, incubatorId);
  const [form] = Form.useForm();
  const [exitForm] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const chart = useMemo(() => buildFunnelOption(cohort.funnel, theme, t), [cohort.funnel, theme, t]);
  const title = `${t('incubators.compare.intake', { year: cohort.intakeYear })} · ${termLabel(t, cohort.term)}`;

  const add = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      await addResident.mutateAsync({ cohortId: cohort.id, entityId: values['entityId'], enteredOn: values['enteredOn'], exitKind: values['exitKind'], exitedOn: values['exitedOn'] || null });
      form.resetFields();
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => [path.split('.')[0] as string], issueText));
    }
  };
  const recordExit = async (values: Record<string, unknown>) => {
    setError(null);
    const r = cohort.residents.find((x) => x.id === values['residentId']);
    if (!r) return;
    try {
      await updateResident.mutateAsync({ cohortId: cohort.id, residentId: r.id, version: r.version, exitKind: values['exitKind'], exitedOn: values['exitKind'] === 'in_residence' ? null : values['exitedOn'] || null });
      exitForm.resetFields();
    } catch (e) {
      setError(placeIssues(exitForm, e, t, (path) => [path.split('.')[0] as string], issueText) ?? errorMessage(e, t));
    }
  };

  return (
    <Panel title={<span>{title}<SampleTag isSample={cohort.isSample} /></span>} data-testid={`cohort-${cohort.intakeYear}-${cohort.term}`}>
      <div className="kc-inc-grid">
        <Table<Resident>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={cohort.residents}
          locale={{ emptyText: t('incubators.cohort.empty') }}
          scroll={{ x: true }}
          data-testid="cohort-residents"
          columns={[
            { title: t('incubators.resident.startup'), key: 'name', render: (_, r) => <Link to={`/registry/${encodeURIComponent(r.entity.id)}`}>{pickName(r.entity, locale)}</Link> },
            { title: t('incubators.resident.entered'), key: 'entered', render: (_, r) => r.enteredOn },
            { title: t('incubators.resident.exit'), key: 'exit', render: (_, r) => `${exitLabel(t, r.exitKind)}${r.exitedOn ? ` · ${r.exitedOn}` : ''}` },
            { title: t('incubators.resident.surviving'), key: 'surv', render: (_, r) => (r.surviving ? <Tag color="green">{t('incubators.resident.alive')}</Tag> : <Tag>{t('incubators.resident.closed')}</Tag>) },
            { title: t('incubators.resident.rounds'), key: 'rounds', align: 'right', render: (_, r) => r.fundingRounds },
            { title: t('incubators.resident.contracts'), key: 'contracts', align: 'right', render: (_, r) => r.contracts },
            { title: t('incubators.resident.patents'), key: 'patents', align: 'right', render: (_, r) => r.patents },
          ]}
        />
        <div data-testid="cohort-funnel">
          <EChart option={chart} height={240} ariaLabel={t('incubators.funnel.title')} />
        </div>
      </div>
      {keeper && (
        <>
          <h4 className="kc-inc-subhead">{t('incubators.resident.form')}</h4>
          <Form form={form} layout="vertical" className="kc-inc-form" onFinish={(v) => void add(v as Record<string, unknown>)} initialValues={{ exitKind: 'in_residence', enteredOn: `${cohort.intakeYear}-` }} data-testid="resident-form">
            <Form.Item name="entityId" label={t('incubators.resident.startup')} rules={[{ required: true, message: t('incubators.required') }]}>
              <EntityPicker data-testid="resident-entity" />
            </Form.Item>
            <Form.Item name="enteredOn" label={t('incubators.resident.entered')} rules={[{ required: true, message: t('incubators.required') }]}>
              <Input placeholder="YYYY-MM-DD" data-testid="resident-entered" />
            </Form.Item>
            <Form.Item name="exitKind" label={t('incubators.resident.exit')}>
              <Select options={COHORT_EXIT_KINDS.map((x) => ({ value: x, label: exitLabel(t, x) }))} data-testid="resident-exit-kind" />
            </Form.Item>
            <Form.Item name="exitedOn" label={t('incubators.resident.exited')}>
              <Input placeholder="YYYY-MM-DD" data-testid="resident-exited" />
            </Form.Item>
            <Form.Item className="kc-inc-submit">
              <Button icon={<PlusOutlined />} htmlType="submit" loading={addResident.isPending} data-testid="resident-add">
                {t('incubators.resident.add')}
              </Button>
            </Form.Item>
          </Form>
          {cohort.residents.length > 0 && (
            <>
            <h4 className="kc-inc-subhead">{t('incubators.resident.exitForm')}</h4>
            <Form form={exitForm} layout="vertical" className="kc-inc-form" onFinish={(v) => void recordExit(v as Record<string, unknown>)} initialValues={{ exitKind: 'graduated' }} data-testid="exit-form">
              <Form.Item name="residentId" label={t('incubators.resident.which')} rules={[{ required: true, message: t('incubators.required') }]}>
                <Select options={cohort.residents.map((r) => ({ value: r.id, label: pickName(r.entity, locale) }))} data-testid="exit-resident" />
              </Form.Item>
              <Form.Item name="exitKind" label={t('incubators.resident.exit')}>
                <Select options={COHORT_EXIT_KINDS.map((x) => ({ value: x, label: exitLabel(t, x) }))} data-testid="exit-kind" />
              </Form.Item>
              <Form.Item name="exitedOn" label={t('incubators.resident.exited')}>
                <Input placeholder="YYYY-MM-DD" data-testid="exit-date" />
              </Form.Item>
              <Form.Item className="kc-inc-submit">
                <Button htmlType="submit" loading={updateResident.isPending} data-testid="exit-save">
                  {t('incubators.resident.recordExit')}
                </Button>
              </Form.Item>
            </Form>
            </>
          )}
          {error && <p className="kc-inc-error" role="alert">{error}</p>}
        </>
      )}
    </Panel>
  );
};

/** 孵化器 / An incubator: its profile with the freshness stamp, its overall funnel, and each cohort. */
export const IncubatorPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const today = useCentreToday();
  const navigate = useNavigate();
  const { incubatorId = '' } = useParams();
  const { can, user } = useSession();
  const query = useIncubatorQuery(centre.id, incubatorId);
  const update = useUpdateIncubatorMutation(centre.id, incubatorId);
  const addCohort = useAddCohortMutation(centre.id, incubatorId);
  const theme = useChartTheme();
  const [cohortForm] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const inc = query.data;
  const keeper = !!inc && (can('incubators:manage') || (!!user && user.organisationId === inc.entity.id));
  const chart = useMemo(() => (inc ? buildFunnelOption(inc.funnel, theme, t) : null), [inc, theme, t]);

  const confirm = async () => {
    if (!inc) return;
    setError(null);
    try {
      await update.mutateAsync({ version: inc.version, confirmedOn: today });
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  const newCohort = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      await addCohort.mutateAsync(values);
    } catch (e) {
      setError(placeIssues(cohortForm, e, t, (path) => [path.split('.')[0] as string], issueText));
    }
  };

  return (
    <div className="kc-inc" data-testid="incubator-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate('/incubators')}>
        {t('incubators.back')}
      </Button>
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {inc && (
          <>
            <PageHeader
              title={
                <span>
                  {pickName(inc.entity, locale)}
                  <SampleTag isSample={inc.isSample} />
                </span>
              }
              intro={typeLabel(t, inc.incubatorType)}
              extra={
                keeper && (
                  <Button icon={<CheckOutlined />} loading={update.isPending} onClick={() => void confirm()} data-testid="incubator-confirm">
                    {t('incubators.confirmToday')}
                  </Button>
                )
              }
            />
            <div className="kc-inc-grid">
              <Panel title={t('incubators.profile')}>
                <dl className="kc-inc-facts" data-testid="incubator-profile">
                  <dt>{t('incubators.field.type')}</dt>
                  <dd>{typeLabel(t, inc.incubatorType)}</dd>
                  <dt>{t('incubators.field.operator')}</dt>
                  <dd>{inc.operator ? pickName(inc.operator, locale) : (inc.operatorName ?? '—')}</dd>
                  <dt>{t('incubators.col.area')}</dt>
                  <dd>{inc.areaId ? pickName({ nameZh: inc.areaNameZh, nameEn: inc.areaNameEn ?? inc.areaId }, locale) : '—'}</dd>
                  <dt>{t('incubators.field.parks')}</dt>
                  <dd>{inc.parks ?? '—'}</dd>
                  <dt>{t('incubators.field.focus')}</dt>
                  <dd>{inc.focus ?? '—'}</dd>
                  <dt>{t('incubators.field.confirmedOn')}</dt>
                  <dd data-testid="incubator-confirmed-on">{inc.confirmedOn ?? t('incubators.unconfirmed')}</dd>
                </dl>
                <p className="kc-inc-note">{t('incubators.funnel.definition')}</p>
              </Panel>
              <Panel title={t('incubators.funnel.overall')} data-testid="incubator-funnel">
                <FunnelCards funnel={inc.funnel} />
                {chart && inc.funnel.members > 0 && <EChart option={chart} height={240} ariaLabel={t('incubators.funnel.title')} />}
              </Panel>
            </div>
            {keeper && (
              <Panel title={t('incubators.cohort.add')}>
                <Form form={cohortForm} layout="inline" onFinish={(v) => void newCohort(v as Record<string, unknown>)} initialValues={{ intakeYear: new Date().getFullYear(), term: 'year' }} data-testid="cohort-form">
                  <Form.Item name="intakeYear" label={t('incubators.cohort.year')}>
                    <InputNumber min={1980} max={2100} data-testid="cohort-year" />
                  </Form.Item>
                  <Form.Item name="term" label={t('incubators.cohort.term')}>
                    <Select style={{ minWidth: 120 }} options={COHORT_TERMS.map((x) => ({ value: x, label: termLabel(t, x) }))} />
                  </Form.Item>
                  <Form.Item>
                    <Button icon={<PlusOutlined />} htmlType="submit" loading={addCohort.isPending} data-testid="cohort-add">
                      {t('incubators.cohort.add')}
                    </Button>
                  </Form.Item>
                </Form>
              </Panel>
            )}
            {error && <p className="kc-inc-error" role="alert">{error}</p>}
            {inc.cohortList.length === 0 && <p className="kc-inc-note">{t('incubators.cohort.none')}</p>}
            {inc.cohortList.map((c) => (
              <CohortPanel key={c.id} centreId={centre.id} incubatorId={inc.id} cohort={c} keeper={keeper} />
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
};
