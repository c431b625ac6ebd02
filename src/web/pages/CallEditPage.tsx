import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { IP_TEMPLATES } from '../../shared/schemas/calls.js';
import { useCurrentCentre } from '../app/centre.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useCallQuery, useCreateCallMutation, useProgrammesQuery, useUpdateCallMutation } from '../modules/calls/hooks/useCalls.js';
import type { Call } from '../modules/calls/types.js';
import { failureText, ipTemplateLabel, ipTemplateText } from '../modules/calls/utils/labels.js';
import { callPath, CALL_ROUTES } from '../modules/calls/utils/paths.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/calls/calls.css';

type Criterion = { metric?: string; unit?: string; comparator?: string; threshold?: number; testMethod?: string };
type Values = {
  programmeId?: string;
  ownerEntityId?: string;
  isSample: boolean;
  titleZh?: string;
  titleEn?: string;
  problem?: string;
  fieldCodes: string[];
  chainPosition?: string;
  trlExpected?: number | null;
  budget?: number | null;
  deadline?: string;
  ipTemplate?: string | null;
  paymentSchedule: { label?: string; share?: number }[];
  acceptanceCriteria: Criterion[];
  consortiumMin?: number | null;
  consortiumMax?: number | null;
  trlGap?: number | null;
  budgetCap?: number | null;
  declarations: string[];
  note?: string;
};

const pad = (n: number) => String(n).padStart(2, '0');
/** ISO instant ↔ the value of a `datetime-local` input (the viewer's time zone). */
const toLocalInput = (iso: string | null): string | undefined => {
  if (!iso) return undefined;
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (v: string | undefined): string | null => (v ? new Date(v).toISOString() : null);
const text = (v: string | undefined | null): string | null => (v && v.trim() ? v.trim() : null);

const valuesOf = (call: Call): Values => {
  const rule = <K extends string>(kind: K) => call.eligibilityRules.find((r) => r.kind === kind) as Extract<Call['eligibilityRules'][number], { kind: K }> | undefined;
  return {
    programmeId: call.programmeId,
    ownerEntityId: call.owner.id,
    isSample: call.isSample,
    titleZh: call.titleZh ?? undefined,
    titleEn: call.titleEn,
    problem: call.problem ?? undefined,
    fieldCodes: call.fieldCodes,
    chainPosition: call.chainPosition ?? undefined,
    trlExpected: call.trlExpected,
    budget: call.budget,
    deadline: toLocalInput(call.deadline),
    ipTemplate: call.ipTemplate,
    paymentSchedule: call.paymentSchedule,
    acceptanceCriteria: call.acceptanceCriteria.map((c) => ({ metric: c.metric, unit: c.unit, comparator: c.comparator, threshold: c.threshold, testMethod: c.testMethod })),
    consortiumMin: rule('consortium_size')?.min ?? null,
    consortiumMax: rule('consortium_size')?.max ?? null,
    trlGap: rule('trl_gap')?.maxGap ?? null,
    budgetCap: rule('budget_cap')?.max ?? null,
    declarations: rule('declarations')?.required ?? [],
  };
};

/** The form's values as the API's call fields. */
const bodyOf = (v: Values) => {
  const rules: Record<string, unknown>[] = [];
  if (v.consortiumMin || v.consortiumMax) rules.push({ kind: 'consortium_size', min: v.consortiumMin ?? 1, max: v.consortiumMax ?? 50 });
  if (v.trlGap !== null && v.trlGap !== undefined) rules.push({ kind: 'trl_gap', maxGap: v.trlGap });
  if (v.budgetCap) rules.push({ kind: 'budget_cap', max: v.budgetCap });
  if (v.declarations.length) rules.push({ kind: 'declarations', required: v.declarations });
  return {
    titleZh: text(v.titleZh),
    titleEn: text(v.titleEn) ?? '',
    problem: text(v.problem),
    fieldCodes: v.fieldCodes.map((f) => f.trim().toLowerCase()).filter(Boolean),
    chainPosition: text(v.chainPosition),
    trlExpected: v.trlExpected ?? null,
    budget: v.budget ?? null,
    deadline: fromLocalInput(v.deadline),
    ipTemplate: v.ipTemplate ?? null,
    paymentSchedule: v.paymentSchedule.filter((p) => p.label || p.share).map((p) => ({ label: text(p.label) ?? '', share: p.share ?? 0 })),
    acceptanceCriteria: v.acceptanceCriteria.map((c) => ({ metric: text(c.metric) ?? '', unit: text(c.unit) ?? '', comparator: c.comparator ?? '>=', threshold: c.threshold ?? 0, testMethod: text(c.testMethod) ?? '' })),
    eligibilityRules: rules,
  };
};

/** Draft a call (or change one): problem, typed acceptance criteria, budget and tranches, deadline, eligibility, IP terms. */
export const CallEditPage = () => {
  const { callId } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const programmes = useProgrammesQuery(centre.id);
  const existing = useCallQuery(centre.id, callId);
  const create = useCreateCallMutation(centre.id);
  const update = useUpdateCallMutation(centre.id);
  const [error, setError] = useState<string | null>(null);
  const call = existing.data;
  const published = call ? !['draft', 'internal_review'].includes(call.state) : false;
  const initial = useMemo<Values>(
    () => (call ? valuesOf(call) : { isSample: false, fieldCodes: [], paymentSchedule: [{}], acceptanceCriteria: [{ comparator: '>=' }], declarations: [] }),
    [call],
  );
  useEffect(() => form.resetFields(), [initial, form]);

  const save = async (v: Values) => {
    setError(null);
    const body = bodyOf(v);
    try {
      if (!call) {
        const created = await create.mutateAsync({ ...body, programmeId: v.programmeId, ownerEntityId: v.ownerEntityId, isSample: v.isSample });
        navigate(callPath(created.id));
        return;
      }
      // Only what changed; frozen terms stay as they are.
      const before = bodyOf(initial) as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      for (const [k, value] of Object.entries(body)) if (JSON.stringify(value) !== JSON.stringify(before[k])) patch[k] = value;
      if (Object.keys(patch).length === 0) {
        navigate(callPath(call.id));
        return;
      }
      await update.mutateAsync({ id: call.id, patch: { ...patch, version: call.version, note: text(v.note) } });
      navigate(callPath(call.id));
    } catch (e) {
      setError(failureText(e, t));
    }
  };

  const loading = !!callId && existing.isLoading;
  return (
    <div className="kc-calls" data-testid="call-edit-page">
      <Button type="link" icon={<ArrowLeftOutlined />} className="kc-back" onClick={() => navigate(call ? callPath(call.id) : CALL_ROUTES.list)} data-testid="call-edit-back">
        {t('calls.back')}
      </Button>
      <PageHeader title={call ? t('calls.editTitle', { title: pickTitle(call, locale) }) : t('calls.newTitle')} intro={t('calls.editIntro')} />
      <QueryState isLoading={loading || programmes.isLoading} error={existing.error ?? programmes.error}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="call-form" scrollToFirstError>
          <Panel title={t('calls.sectionBasics')}>
            <div className="kc-form-grid">
              <Form.Item name="programmeId" label={t('calls.programme')} rules={[{ required: true, message: t('calls.required') }]}>
                <Select
                  disabled={!!call}
                  data-testid="call-form-programme"
                  options={programmes.data?.items.map((p) => ({ value: p.id, label: `${pickTitle(p, locale)}${p.isSample ? ` · ${t('common.sample')}` : ''}` }))}
                />
              </Form.Item>
              <Form.Item name="ownerEntityId" label={t('calls.owner')} rules={[{ required: true, message: t('calls.required') }]} extra={t('calls.ownerHint')}>
                <EntityPicker data-testid="call-form-owner" suggestions={call ? [{ ...call.owner, kind: null, category: 'organisation' }] : []} />
              </Form.Item>
              <Form.Item name="titleZh" label={t('calls.titleZh')}>
                <Input data-testid="call-form-title-zh" />
              </Form.Item>
              <Form.Item name="titleEn" label={t('calls.titleEn')} rules={[{ required: true, message: t('calls.required') }]}>
                <Input data-testid="call-form-title-en" />
              </Form.Item>
            </div>
            <Form.Item name="problem" label={t('calls.problem')} extra={t('calls.problemHint')}>
              <Input.TextArea rows={4} data-testid="call-form-problem" />
            </Form.Item>
            <div className="kc-form-grid">
              <Form.Item name="fieldCodes" label={t('calls.fields')} extra={t('calls.fieldsHint')}>
                <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="call-form-fields" open={false} />
              </Form.Item>
              <Form.Item name="chainPosition" label={t('calls.chainPosition')}>
                <Input data-testid="call-form-chain" />
              </Form.Item>
              <Form.Item name="trlExpected" label={t('calls.trlExpected')}>
                <InputNumber min={1} max={9} style={{ width: '100%' }} data-testid="call-form-trl" />
              </Form.Item>
              <Form.Item name="deadline" label={t('calls.deadline')}>
                <Input type="datetime-local" data-testid="call-form-deadline" />
              </Form.Item>
            </div>
            {!call && (
              <Form.Item name="isSample" valuePropName="checked">
                <Checkbox data-testid="call-form-sample">{t('calls.isSample')}</Checkbox>
              </Form.Item>
            )}
          </Panel>

          <Panel title={t('calls.criteria')} extra={<span className="kc-muted kc-small">{t('calls.criteriaHint')}</span>}>
            <Form.List name="acceptanceCriteria">
              {(fields, { add, remove }) => (
                <div data-testid="call-form-criteria">
                  {fields.map((f, i) => (
                    <div key={f.key} className="kc-calls-criterion-row" data-testid="call-form-criterion">
                      <Form.Item name={[f.name, 'metric']} label={i === 0 ? t('calls.metric') : undefined}>
                        <Input data-testid="criterion-metric" placeholder={t('calls.metric')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'comparator']} label={i === 0 ? t('calls.comparator') : undefined}>
                        <Select data-testid="criterion-comparator" options={['>=', '<=', '>', '<', '='].map((c) => ({ value: c, label: c }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'threshold']} label={i === 0 ? t('calls.threshold') : undefined}>
                        <InputNumber style={{ width: '100%' }} data-testid="criterion-threshold" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'unit']} label={i === 0 ? t('calls.unit') : undefined}>
                        <Input data-testid="criterion-unit" placeholder={t('calls.unit')} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'testMethod']} label={i === 0 ? t('calls.testMethod') : undefined}>
                        <Input data-testid="criterion-test-method" placeholder={t('calls.testMethod')} />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} disabled={published} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ comparator: '>=' })} data-testid="call-form-add-criterion">
                    {t('calls.addCriterion')}
                  </Button>
                </div>
              )}
            </Form.List>
          </Panel>

          <Panel title={t('calls.sectionMoney')}>
            <div className="kc-form-grid">
              <Form.Item name="budget" label={t('calls.budgetYuan')}>
                <InputNumber min={1} style={{ width: '100%' }} data-testid="call-form-budget" />
              </Form.Item>
              <Form.Item name="ipTemplate" label={t('calls.ipTemplate')} extra={published ? t('calls.frozenHint') : undefined}>
                <Select
                  disabled={published}
                  data-testid="call-form-ip"
                  options={Object.entries(IP_TEMPLATES).map(([k, v]) => ({ value: k, label: ipTemplateLabel(t, k), title: ipTemplateText(t, k, v) }))}
                />
              </Form.Item>
            </div>
            <div className="kc-calls-label">{t('calls.paymentSchedule')}</div>
            <Form.List name="paymentSchedule">
              {(fields, { add, remove }) => (
                <div data-testid="call-form-tranches">
                  {fields.map((f) => (
                    <div key={f.key} className="kc-calls-tranche-row" data-testid="call-form-tranche">
                      <Form.Item name={[f.name, 'label']}>
                        <Input placeholder={t('calls.trancheLabel')} disabled={published} data-testid="tranche-label" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'share']}>
                        <InputNumber min={1} max={100} suffix="%" placeholder={t('calls.share')} disabled={published} data-testid="tranche-share" />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} disabled={published} />
                    </div>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={published} data-testid="call-form-add-tranche">
                    {t('calls.addTranche')}
                  </Button>
                </div>
              )}
            </Form.List>
          </Panel>

          <Panel title={t('calls.eligibility')}>
            <div className="kc-form-grid">
              <Form.Item name="consortiumMin" label={t('calls.consortiumMin')}>
                <InputNumber min={1} max={50} style={{ width: '100%' }} data-testid="call-form-consortium-min" />
              </Form.Item>
              <Form.Item name="consortiumMax" label={t('calls.consortiumMax')}>
                <InputNumber min={1} max={50} style={{ width: '100%' }} data-testid="call-form-consortium-max" />
              </Form.Item>
              <Form.Item name="trlGap" label={t('calls.trlGap')} extra={t('calls.trlGapHint')}>
                <InputNumber min={0} max={8} style={{ width: '100%' }} data-testid="call-form-trl-gap" />
              </Form.Item>
              <Form.Item name="budgetCap" label={t('calls.budgetCap')}>
                <InputNumber min={1} style={{ width: '100%' }} data-testid="call-form-budget-cap" />
              </Form.Item>
            </div>
            <Form.Item name="declarations" label={t('calls.requiredDeclarations')} extra={t('calls.declarationsHint')}>
              <Select mode="tags" open={false} tokenSeparators={[',']} data-testid="call-form-declarations" />
            </Form.Item>
          </Panel>

          {published && (
            <Panel title={t('calls.changeNote')}>
              <Form.Item name="note" rules={[{ required: true, min: 5, message: t('calls.changeNoteRequired') }]} extra={t('calls.changeNoteHint')}>
                <Input.TextArea rows={2} data-testid="call-form-note" />
              </Form.Item>
            </Panel>
          )}

          {error && (
            <div className="kc-calls-error" role="alert" data-testid="call-form-error">
              {error}
            </div>
          )}
          <div className="kc-calls-form-actions">
            <Button onClick={() => navigate(call ? callPath(call.id) : CALL_ROUTES.list)}>{t('calls.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending || update.isPending} data-testid="call-form-submit">
              {call ? t('calls.saveChanges') : t('calls.saveDraft')}
            </Button>
          </div>
        </Form>
      </QueryState>
    </div>
  );
};
