import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Select, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EXPENSE_CATEGORIES, FUNDING_LEVELS, FUNDING_NATURES, OUTPUT_KINDS } from '../../shared/schemas/grants.js';
import { useCentreToday, useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { pickName, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { applicationStateLabel, formatDate } from '../modules/calls/utils/labels.js';
import {
  useAddFundingMutation,
  useCommitmentsMutation,
  useEvaluateMutation,
  useFinalReportMutation,
  useLedgerQuery,
  useNegativeListsQuery,
  useProjectQuery,
  useRecordExpenseMutation,
  type Ledger,
  type Project,
} from '../modules/grants/hooks.js';
import { categoryLabel, grantIssueText, levelLabel, natureLabel, outputKindLabel, refusalLabel, trackLabel, yuan, projectStateText } from '../modules/grants/parts.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/calls/calls.css';
import '../modules/grants/grants.css';


const FundingPanel = ({ project }: { project: Project }) => {
  const today = useCentreToday();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const add = useAddFundingMutation(centre.id, project.applicationId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = (await form.validateFields()) as { level: string; nature: string; funderEntityId?: string; funderName: string; amount: number; year: number };
    setError(null);
    try {
      await add.mutateAsync({ ...v, funderEntityId: v.funderEntityId || null });
      form.resetFields();
    } catch (e) {
      setError(placeIssues(form, e, t, (p) => (['level', 'nature', 'funderEntityId', 'funderName', 'amount', 'year'].includes(p) ? [p] : null), grantIssueText));
    }
  };
  return (
    <Panel title={t('grants.funding.title')} data-testid="grant-funding">
      <p className="kc-muted kc-small">{t('grants.funding.hint')}</p>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        locale={{ emptyText: t('grants.funding.empty') }}
        dataSource={project.funding}
        columns={[
          { title: t('grants.funding.level'), render: (_, f) => levelLabel(t, f.level) },
          { title: t('grants.funding.nature'), render: (_, f) => <Chip tone={f.nature === 'external' ? 'accent' : 'info'}>{natureLabel(t, f.nature)}</Chip> },
          { title: t('grants.funding.funder'), render: (_, f) => (f.funder ? pickName(f.funder, locale) : f.funderName) },
          { title: t('grants.funding.amount'), render: (_, f) => yuan(f.amount, t) },
          { title: t('grants.funding.year'), dataIndex: 'year' },
        ]}
      />
      {project.can.manage && (
        <Form form={form} layout="vertical" className="kc-gr-inline-form" initialValues={{ level: 'city', nature: 'fiscal', year: Number(today.slice(0, 4)) }} data-testid="grant-funding-form">
          <div className="kc-gr-row">
            <Form.Item name="level" label={t('grants.funding.level')} rules={[{ required: true }]}>
              <Select options={FUNDING_LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} />
            </Form.Item>
            <Form.Item name="nature" label={t('grants.funding.nature')} rules={[{ required: true }]}>
              <Select options={FUNDING_NATURES.map((l) => ({ value: l, label: natureLabel(t, l) }))} />
            </Form.Item>
            <Form.Item name="funderName" label={t('grants.funding.funderName')} rules={[{ required: true, whitespace: true }]}>
              <Input data-testid="grant-funding-name" />
            </Form.Item>
            <Form.Item name="funderEntityId" label={t('grants.funding.funderLink')}>
              <EntityPicker data-testid="grant-funding-funder" />
            </Form.Item>
            <Form.Item name="amount" label={t('grants.funding.amount')} rules={[{ required: true }]}>
              <InputNumber min={0.01} step={0.01} style={{ width: '100%' }} data-testid="grant-funding-amount" />
            </Form.Item>
            <Form.Item name="year" label={t('grants.funding.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </div>
          <Button onClick={() => void submit()} loading={add.isPending} data-testid="grant-funding-add">
            {t('grants.funding.add')}
          </Button>
          {error && (
            <div className="kc-gr-error" role="alert">
              {error}
            </div>
          )}
        </Form>
      )}
    </Panel>
  );
};

const LedgerPanel = ({ project, ledger }: { project: Project; ledger: Ledger }) => {
  const today = useCentreToday();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const lists = useNegativeListsQuery(centre.id).data?.items ?? [];
  const items = lists.flatMap((v) => v.items);
  const record = useRecordExpenseMutation(centre.id, project.applicationId);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const place = (e: unknown) => setError(placeIssues(form, e, t, (p) => (['spentOn', 'category', 'amount', 'description'].includes(p) ? [p] : null), grantIssueText));
  // A refusal stays explained at its field in the language the viewer switches to.
  useEffect(() => (failure ? place(failure) : undefined), [locale]);
  const submit = async () => {
    const v = (await form.validateFields()) as { spentOn: string; category: string; amount: number; description: string };
    setError(null);
    setSaved(null);
    setFailure(null);
    try {
      const out = await record.mutateAsync(v);
      form.resetFields();
      setSaved(out.balanceAfter);
    } catch (e) {
      setFailure(e);
      place(e);
    }
  };
  const general = EXPENSE_CATEGORIES as readonly string[];
  return (
    <Panel title={t('grants.ledger.title')} data-testid="grant-ledger">
      <p className="kc-muted kc-small">{t('grants.ledger.hint')}</p>
      <dl className="kc-gr-stats">
        <div>
          <dt>{t('grants.ledger.lumpSum')}</dt>
          <dd>{yuan(ledger.lumpSum, t)}</dd>
        </div>
        <div>
          <dt>{t('grants.ledger.spent')}</dt>
          <dd data-testid="grant-ledger-spent">{yuan(ledger.spent, t)}</dd>
        </div>
        <div>
          <dt>{t('grants.ledger.remaining')}</dt>
          <dd data-testid="grant-ledger-remaining">{yuan(ledger.remaining, t)}</dd>
        </div>
        <div>
          <dt>{t('grants.ledger.rejectedCount')}</dt>
          <dd data-testid="grant-ledger-rejected">{ledger.rejectedCount}</dd>
        </div>
      </dl>
      {ledger.canRecord && (
        <Form form={form} layout="vertical" className="kc-gr-inline-form" initialValues={{ spentOn: today }} data-testid="grant-expense-form">
          <div className="kc-gr-row">
            <Form.Item name="spentOn" label={t('grants.ledger.spentOn')} rules={[{ required: true }]}>
              <Input type="date" data-testid="grant-expense-date" />
            </Form.Item>
            <Form.Item name="category" label={t('grants.ledger.category')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="grant-expense-category"
                options={[
                  { label: t('grants.ledger.generalCategories'), options: ledger.categories.filter((c) => general.includes(c)).map((c) => ({ value: c, label: categoryLabel(t, c) })) },
                  { label: t('grants.ledger.otherCategories'), options: ledger.categories.filter((c) => !general.includes(c)).map((c) => ({ value: c, label: categoryLabel(t, c, items) })) },
                ]}
              />
            </Form.Item>
            <Form.Item name="amount" label={t('grants.ledger.amount')} rules={[{ required: true }]}>
              <InputNumber min={0.01} step={0.01} style={{ width: '100%' }} data-testid="grant-expense-amount" />
            </Form.Item>
          </div>
          <Form.Item name="description" label={t('grants.ledger.description')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="grant-expense-description" />
          </Form.Item>
          <Button type="primary" onClick={() => void submit()} loading={record.isPending} data-testid="grant-expense-record">
            {t('grants.ledger.record')}
          </Button>
          {saved !== null && (
            <div role="status" className="kc-gr-ok" data-testid="grant-expense-saved">
              {t('grants.ledger.saved', { balance: yuan(saved, t) })}
            </div>
          )}
          {error && (
            <div className="kc-gr-error" role="alert" data-testid="grant-expense-error">
              {error}
            </div>
          )}
        </Form>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        data-testid="grant-expenses"
        locale={{ emptyText: t('grants.ledger.empty') }}
        dataSource={ledger.expenses}
        columns={[
          { title: t('grants.ledger.spentOn'), dataIndex: 'spentOn' },
          { title: t('grants.ledger.category'), render: (_, e) => categoryLabel(t, e.category, items) },
          { title: t('grants.ledger.description'), dataIndex: 'description' },
          { title: t('grants.ledger.amount'), render: (_, e) => yuan(e.amount, t) },
          { title: t('grants.ledger.balance'), render: (_, e) => yuan(e.balanceAfter, t) },
          { title: t('grants.ledger.listVersion'), render: (_, e) => (e.listVersion ? t('grants.list.version', { number: e.listVersion }) : t('grants.none')) },
        ]}
      />
      {ledger.rejected && (
        <>
          <h4 className="kc-gr-subtitle">{t('grants.ledger.rejectedTitle')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="grant-rejections"
            locale={{ emptyText: t('grants.ledger.noRejections') }}
            dataSource={ledger.rejected}
            columns={[
              { title: t('grants.ledger.attemptedAt'), render: (_, r) => formatDate(r.attemptedAt, t) },
              { title: t('grants.ledger.spentOn'), dataIndex: 'spentOn' },
              { title: t('grants.ledger.category'), render: (_, r) => categoryLabel(t, r.category, items) },
              { title: t('grants.ledger.amount'), render: (_, r) => yuan(r.amount, t) },
              { title: t('grants.ledger.reason'), render: (_, r) => `${refusalLabel(t, r.reason)}${r.listVersion ? ` · ${t('grants.list.version', { number: r.listVersion })}` : ''}` },
            ]}
          />
        </>
      )}
    </Panel>
  );
};

type OutputValues = { kind: string; title: string; doi?: string; patentNumber?: string; url?: string; personEntityId?: string; year?: number };

const ReportPanel = ({ project }: { project: Project }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const commit = useCommitmentsMutation(centre.id, project.applicationId);
  const submitReport = useFinalReportMutation(centre.id, project.applicationId);
  const evaluate = useEvaluateMutation(centre.id, project.applicationId);
  const [cform] = Form.useForm();
  const [rform] = Form.useForm();
  const [eform] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const report = project.report;
  const canReport = project.can.team && project.state === 'awarded' && report?.state !== 'evaluated';
  const sendCommitments = async () => {
    const v = (await cform.validateFields()) as Record<string, number>;
    setError(null);
    try {
      await commit.mutateAsync({ commitments: { paper: v.paper ?? 0, patent: v.patent ?? 0, dataset: v.dataset ?? 0, talent: v.talent ?? 0 }, version: project.version });
    } catch (e) {
      setError(placeIssues(cform, e, t, () => null, grantIssueText));
    }
  };
  const sendReport = async () => {
    const v = (await rform.validateFields()) as { summary: string; outputs?: OutputValues[] };
    setError(null);
    const outputs = (v.outputs ?? []).map((o) => ({ kind: o.kind, title: o.title, doi: o.doi?.trim() || null, patentNumber: o.patentNumber?.trim() || null, url: o.url?.trim() || null, personEntityId: o.personEntityId || null, year: o.year ?? null }));
    try {
      await submitReport.mutateAsync({ body: { summary: v.summary, outputs }, version: report?.version ?? null });
    } catch (e) {
      setError(placeIssues(rform, e, t, (p) => {
        const m = /^outputs\.(\d+)\.(\w+)$/.exec(p);
        return m ? ['outputs', Number(m[1]), m[2] as string] : p === 'summary' ? ['summary'] : null;
      }, grantIssueText));
    }
  };
  const sendEvaluation = async () => {
    const v = (await eform.validateFields()) as Record<string, number>;
    setError(null);
    try {
      await evaluate.mutateAsync({ scores: v, comments: {}, version: report?.version ?? 1 });
    } catch (e) {
      setError(placeIssues(eform, e, t, (p) => (p.startsWith('scores.') ? [p.slice(7)] : null), grantIssueText));
    }
  };
  return (
    <Panel title={t('grants.report.title')} data-testid="grant-report">
      <p className="kc-muted kc-small">{t('grants.report.hint')}</p>
      <h4 className="kc-gr-subtitle">{t('grants.report.commitments')}</h4>
      {project.commitments ? (
        <p data-testid="grant-commitments">{OUTPUT_KINDS.map((k) => `${outputKindLabel(t, k)} ${project.commitments?.[k] ?? 0}`).join(t('grants.listSep'))}</p>
      ) : project.can.team && project.state === 'awarded' && !report ? (
        <Form form={cform} layout="inline" data-testid="grant-commitments-form">
          {OUTPUT_KINDS.map((k) => (
            <Form.Item key={k} name={k} label={outputKindLabel(t, k)} initialValue={0}>
              <InputNumber min={0} max={1000} data-testid={`grant-commit-${k}`} />
            </Form.Item>
          ))}
          <Button onClick={() => void sendCommitments()} loading={commit.isPending} data-testid="grant-commit-save">
            {t('grants.report.declare')}
          </Button>
        </Form>
      ) : (
        <p className="kc-muted">{t('grants.report.noCommitments')}</p>
      )}
      {report && (
        <div data-testid="grant-report-view">
          <p>
            <Chip tone={report.state === 'evaluated' ? 'accent' : 'info'}>{t(report.state === 'evaluated' ? 'grants.report.evaluated' : 'grants.report.submitted')}</Chip> {formatDate(report.submittedAt, t)}
          </p>
          <p className="kc-gr-pre">{report.summary}</p>
          <h4 className="kc-gr-subtitle">{t('grants.report.outputsTitle')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="grant-outputs"
            dataSource={report.outputs}
            columns={[
              { title: t('grants.report.kind'), render: (_, o) => outputKindLabel(t, o.kind) },
              { title: t('grants.report.outputTitle'), dataIndex: 'title' },
              {
                title: t('grants.report.link'),
                render: (_, o) =>
                  o.doi ? `DOI ${o.doi}` : o.patent ? t('grants.report.patentLinked', { number: o.patentNumber ?? '' }) : o.patentNumber ? t('grants.report.patentUnlinked', { number: o.patentNumber }) : o.person ? pickName(o.person, locale) : (o.url ?? t('grants.none')),
              },
              { title: t('grants.report.year'), render: (_, o) => o.year ?? t('grants.none') },
            ]}
          />
          {report.gap && <h4 className="kc-gr-subtitle">{t('grants.report.gapTitle')}</h4>}
          {report.gap && (
            <Table
              size="small"
              rowKey="kind"
              pagination={false}
              className="kc-gr-gap"
              data-testid="grant-gap"
              dataSource={report.gap}
              columns={[
                { title: t('grants.report.kind'), render: (_, g) => outputKindLabel(t, g.kind) },
                { title: t('grants.report.committed'), dataIndex: 'committed' },
                { title: t('grants.report.delivered'), dataIndex: 'delivered' },
                { title: t('grants.report.gap'), render: (_, g) => (g.gap > 0 ? <Chip tone="warning">{g.gap}</Chip> : '0') },
              ]}
            />
          )}
          {report.evaluation && (
            <p data-testid="grant-evaluation">
              {t('grants.report.evaluationTotal', { total: report.evaluation.total, track: trackLabel(t, project.track) })}
            </p>
          )}
        </div>
      )}
      {canReport && (
        <Form form={rform} layout="vertical" className="kc-gr-inline-form" data-testid="grant-report-form" initialValues={{ summary: report?.summary ?? '', outputs: (report?.outputs ?? []).map((o) => ({ kind: o.kind, title: o.title, doi: o.doi ?? undefined, patentNumber: o.patentNumber ?? undefined, url: o.url ?? undefined, personEntityId: o.person?.id, year: o.year ?? undefined })) }}>
          <h4 className="kc-gr-subtitle">{report ? t('grants.report.replace') : t('grants.report.submit')}</h4>
          <Form.Item name="summary" label={t('grants.report.summary')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} data-testid="grant-report-summary" />
          </Form.Item>
          <Form.List name="outputs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <div key={f.key} className="kc-gr-output" data-testid="grant-output-row">
                    <Form.Item name={[f.name, 'kind']} label={t('grants.report.kind')} rules={[{ required: true }]}>
                      <Select options={OUTPUT_KINDS.map((k) => ({ value: k, label: outputKindLabel(t, k) }))} data-testid="grant-output-kind" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} label={t('grants.report.outputTitle')} rules={[{ required: true, whitespace: true }]}>
                      <Input data-testid="grant-output-title" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = rform.getFieldValue(['outputs', f.name, 'kind']) as string | undefined;
                        if (kind === 'paper')
                          return (
                            <Form.Item name={[f.name, 'doi']} label="DOI">
                              <Input placeholder="10.xxxx/…" data-testid="grant-output-doi" />
                            </Form.Item>
                          );
                        if (kind === 'patent')
                          return (
                            <Form.Item name={[f.name, 'patentNumber']} label={t('grants.report.patentNumber')}>
                              <Input placeholder="202310123456.6" data-testid="grant-output-patent" />
                            </Form.Item>
                          );
                        if (kind === 'dataset')
                          return (
                            <Form.Item name={[f.name, 'url']} label={t('grants.report.url')}>
                              <Input placeholder="https://" data-testid="grant-output-url" />
                            </Form.Item>
                          );
                        if (kind === 'talent')
                          return (
                            <Form.Item name={[f.name, 'personEntityId']} label={t('grants.report.person')}>
                              <EntityPicker data-testid="grant-output-person" />
                            </Form.Item>
                          );
                        return null;
                      }}
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('grants.report.remove')} />
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'paper', title: '' })} data-testid="grant-output-add">
                  {t('grants.report.addOutput')}
                </Button>
              </>
            )}
          </Form.List>
          <div className="kc-gr-actions">
            <Button type="primary" onClick={() => void sendReport()} loading={submitReport.isPending} data-testid="grant-report-submit">
              {report ? t('grants.report.replace') : t('grants.report.submit')}
            </Button>
          </div>
        </Form>
      )}
      {project.can.manage && report?.state === 'submitted' && project.evaluationForm && (
        <Form form={eform} layout="vertical" className="kc-gr-inline-form" data-testid="grant-evaluation-form">
          <h4 className="kc-gr-subtitle">{t('grants.report.evaluate', { track: trackLabel(t, project.track) })}</h4>
          <div className="kc-gr-row">
            {project.evaluationForm.criteria.map((c) => (
              <Form.Item key={c.id} name={c.id} label={`${c.label} (${c.weight}%)`} rules={[{ required: true }]} extra={c.kind === 'numeric' ? `${c.min}–${c.max}` : c.kind === 'rating' ? `1–${c.scale}` : '0/1'}>
                <InputNumber style={{ width: '100%' }} data-testid={`grant-eval-${c.id}`} />
              </Form.Item>
            ))}
          </div>
          <Button type="primary" onClick={() => void sendEvaluation()} loading={evaluate.isPending} data-testid="grant-evaluation-submit">
            {t('grants.report.evaluateSubmit')}
          </Button>
        </Form>
      )}
      {error && (
        <div className="kc-gr-error" role="alert" data-testid="grant-report-error">
          {error}
        </div>
      )}
    </Panel>
  );
};

/** One grant project: its track, lump sum and co-funding, the ledger with its expense form, and the outputs report. */
export const GrantProjectPage = () => {
  const { applicationId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const project = useProjectQuery(centre.id, applicationId);
  const ledger = useLedgerQuery(centre.id, applicationId);
  const p = project.data;
  return (
    <div className="kc-gr" data-testid="grant-project-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate('/grants/projects')}>
        {t('grants.project.back')}
      </Button>
      <QueryState isLoading={project.isLoading} error={project.error} onRetry={() => void project.refetch()}>
        {p && (
          <>
            <PageHeader
              title={
                <span data-testid="grant-project-title">
                  {p.title}
                  <SampleTag isSample={p.call.isSample} />
                </span>
              }
              intro={
                <span className="kc-gr-title">
                  <Chip tone="accent">
                    <span data-testid="grant-project-track">{trackLabel(t, p.track)}</span>
                  </Chip>
                  <span>{projectStateText(t, p.state, applicationStateLabel(t, p.state))}</span>
                  <span>{pickTitle(p.call, locale)}</span>
                  {p.lead && <span>{pickName(p.lead, locale)}</span>}
                  <span>{t('grants.project.lumpSum', { amount: yuan(p.lumpSum, t) })}</span>
                </span>
              }
            />
            <FundingPanel project={p} />
            {ledger.data && <LedgerPanel project={p} ledger={ledger.data} />}
            <ReportPanel project={p} />
          </>
        )}
      </QueryState>
    </div>
  );
};
