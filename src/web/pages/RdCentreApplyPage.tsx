import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import type { MessageKey } from '../i18n/keys.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { CriteriaList } from '../modules/rdcentres/CriteriaList.js';
import { useApplyMutation, useCriteriaCheck, useRoundsQuery } from '../modules/rdcentres/hooks.js';
import { rdIssueText } from '../modules/rdcentres/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { RD_CENTRE_TYPES, RD_EVIDENCE_KINDS, type TRdEvidence, type TRdFacts } from '../../shared/schemas/rdcentres.js';
import '../modules/rdcentres/rdcentres.css';

type YesNo = 'yes' | 'no' | 'unsure' | undefined;
type Values = {
  centreType?: TRdFacts['centreType'];
  nameEn?: string;
  nameZh?: string;
  descriptionEn?: string;
  descriptionZh?: string;
  foreignShare?: number | null;
  investorMainlyOverseas?: YesNo;
  registeredInChina?: YesNo;
  naturalSciencesRd?: YesNo;
  independentTeam?: YesNo;
  openServices?: YesNo;
  evidence?: Partial<TRdEvidence>[];
  headEntityId?: string;
  plannedRdSpend?: number | null;
  truthful?: boolean;
};

const BOOLEAN_FACTS = ['investorMainlyOverseas', 'registeredInChina', 'naturalSciencesRd', 'independentTeam', 'openServices'] as const;
const bool = (v: YesNo): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

const factsOf = (v: Values): TRdFacts => ({
  centreType: v.centreType ?? null,
  foreignShare: typeof v.foreignShare === 'number' ? v.foreignShare : null,
  investorMainlyOverseas: bool(v.investorMainlyOverseas),
  registeredInChina: bool(v.registeredInChina),
  naturalSciencesRd: bool(v.naturalSciencesRd),
  independentTeam: v.centreType === 'innovation_centre' ? bool(v.independentTeam) : null,
  openServices: v.centreType === 'open_platform' ? bool(v.openServices) : null,
});

/** Where the server's refusals go on this form. */
const FIELD_OF: Record<string, (string | number)[]> = {
  nameEn: ['nameEn'],
  nameZh: ['nameZh'],
  descriptionEn: ['descriptionEn'],
  descriptionZh: ['descriptionZh'],
  'facts.centreType': ['centreType'],
  'facts.foreignShare': ['foreignShare'],
  ...Object.fromEntries(BOOLEAN_FACTS.map((f) => [`facts.${f}`, [f]])),
  headEntityId: ['headEntityId'],
  plannedRdSpend: ['plannedRdSpend'],
  truthful: ['truthful'],
};

/**
 * Apply for recognition as a foreign-funded R&D centre, for one's own
 * organisation: the definition's facts with the criteria checked live, the
 * evidence list, and texts in English or Chinese (the other language is not
 * required; untranslated text is marked for officers, never machine-filled).
 */
export const RdCentreApplyPage = () => {
  const { callId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const rounds = useRoundsQuery(centre.id);
  const round = rounds.data?.items.find((r) => r.id === callId);
  const [form] = Form.useForm<Values>();
  const values = (Form.useWatch([], form) ?? {}) as Values;
  const facts = factsOf(values);
  const evidence = (values.evidence ?? []).filter((e): e is TRdEvidence => !!e?.kind);
  const check = useCriteriaCheck(centre.id, facts, evidence);
  const apply = useApplyMutation(centre.id, callId);
  const [error, setError] = useState<string | null>(null);
  const yesNo = (name: (typeof BOOLEAN_FACTS)[number]) => (
    <Form.Item name={name} label={t(`rdcentres.fact.${name}` as MessageKey)} extra={t(`rdcentres.question.${name}` as MessageKey)}>
      <Radio.Group optionType="button" data-testid={`rd-fact-${name}`} options={[{ value: 'yes', label: t('rdcentres.yes') }, { value: 'no', label: t('rdcentres.no') }, { value: 'unsure', label: t('rdcentres.unsure') }]} />
    </Form.Item>
  );
  const submit = async () => {
    const v = form.getFieldsValue(true) as Values;
    setError(null);
    try {
      const out = await apply.mutateAsync({
        nameEn: v.nameEn ?? null,
        nameZh: v.nameZh ?? null,
        descriptionEn: v.descriptionEn ?? null,
        descriptionZh: v.descriptionZh ?? null,
        facts: factsOf(v),
        evidence: (v.evidence ?? []).map((e) => ({ kind: e.kind ?? 'other', title: e.title ?? '', reference: e.reference ?? null, language: e.language ?? 'en' })),
        headEntityId: v.headEntityId ?? null,
        plannedRdSpend: v.plannedRdSpend ?? null,
        truthful: v.truthful ?? false,
      });
      void navigate(`/rd-centres/applications/${encodeURIComponent(out.id)}`);
    } catch (e) {
      setError(placeIssues(form, e, t, (path) => FIELD_OF[path] ?? (/^evidence\.(\d+)\.(\w+)$/.exec(path) ? ['evidence', Number(path.split('.')[1]), path.split('.')[2] as string] : null), rdIssueText));
    }
  };
  return (
    <div className="kc-rd" data-testid="rd-apply-page">
      <PageHeader title={t('rdcentres.apply.title')} intro={round ? t('rdcentres.apply.intro', { round: pickTitle(round, locale), deadline: formatDate(round.deadline, t) }) : undefined} extra={<Link to="/rd-centres">{t('rdcentres.back')}</Link>} />
      <QueryState isLoading={rounds.isLoading} error={rounds.error} isEmpty={!round} emptyText={t('rdcentres.apply.noRound')}>
        <Form form={form} layout="vertical" initialValues={{ evidence: [], truthful: false }} onFinish={() => void submit()} onValuesChange={(changed: Record<string, unknown>) => form.setFields(Object.keys(changed).filter((k) => k !== 'evidence').map((name) => ({ name: name as keyof Values, errors: [] })))}>
          <div className="kc-rd-grid">
            <div className="kc-rd">
              <Panel title={t('rdcentres.apply.centre')}>
                <p className="kc-muted kc-small">{t('rdcentres.apply.languageHint')}</p>
                <Form.Item name="centreType" label={t('rdcentres.field.centreType')}>
                  <Radio.Group data-testid="rd-centre-type" options={RD_CENTRE_TYPES.map((c) => ({ value: c, label: t(`rdcentres.type.${c}` as MessageKey) }))} />
                </Form.Item>
                <Form.Item name="nameEn" label={t('rdcentres.field.nameEn')}>
                  <Input data-testid="rd-name-en" />
                </Form.Item>
                <Form.Item name="nameZh" label={t('rdcentres.field.nameZh')}>
                  <Input data-testid="rd-name-zh" />
                </Form.Item>
                <Form.Item name="descriptionEn" label={t('rdcentres.field.descriptionEn')}>
                  <Input.TextArea rows={4} data-testid="rd-description-en" />
                </Form.Item>
                <Form.Item name="descriptionZh" label={t('rdcentres.field.descriptionZh')}>
                  <Input.TextArea rows={3} data-testid="rd-description-zh" />
                </Form.Item>
              </Panel>
              <Panel title={t('rdcentres.apply.definition')}>
                <Form.Item name="foreignShare" label={t('rdcentres.fact.foreignShare')} extra={t('rdcentres.question.foreignShare')}>
                  <InputNumber min={0} max={100} addonAfter="%" data-testid="rd-fact-foreignShare" />
                </Form.Item>
                {yesNo('investorMainlyOverseas')}
                {yesNo('registeredInChina')}
                {yesNo('naturalSciencesRd')}
                {values.centreType === 'innovation_centre' && yesNo('independentTeam')}
                {values.centreType === 'open_platform' && yesNo('openServices')}
              </Panel>
              <Panel title={t('rdcentres.apply.evidence')}>
                <p className="kc-muted kc-small">{t('rdcentres.apply.evidenceHint')}</p>
                <Form.List name="evidence">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <div className="kc-rd-evidence-row" key={f.key} data-testid="rd-evidence-row">
                          <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: t('rdcentres.apply.kindRequired') }]}>
                            <Select placeholder={t('rdcentres.apply.kind')} data-testid="rd-evidence-kind" options={RD_EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`rdcentres.evidence.${k}` as MessageKey) }))} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'title']}>
                            <Input placeholder={t('rdcentres.apply.docTitle')} data-testid="rd-evidence-title" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'reference']}>
                            <Input placeholder={t('rdcentres.apply.reference')} data-testid="rd-evidence-reference" />
                          </Form.Item>
                          <Form.Item name={[f.name, 'language']} initialValue="en">
                            <Select options={[{ value: 'en', label: 'English' }, { value: 'zh', label: '中文' }]} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('rdcentres.apply.remove')} />
                        </div>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ language: 'en' })} data-testid="rd-evidence-add">
                        {t('rdcentres.apply.addEvidence')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Panel>
              <Panel title={t('rdcentres.apply.commitments')}>
                <Form.Item name="headEntityId" label={t('rdcentres.field.head')} extra={t('rdcentres.apply.headHint')}>
                  <EntityPicker category="person" data-testid="rd-head" />
                </Form.Item>
                <Form.Item name="plannedRdSpend" label={t('rdcentres.field.plannedRdSpend')} extra={t('rdcentres.apply.spendHint')}>
                  <InputNumber min={1} style={{ width: 240 }} data-testid="rd-spend" />
                </Form.Item>
                <Form.Item name="truthful" valuePropName="checked">
                  <Checkbox data-testid="rd-truthful">{t('rdcentres.apply.truthful')}</Checkbox>
                </Form.Item>
                {error && (
                  <div className="kc-rd-error" role="alert" data-testid="rd-apply-error">
                    {error}
                  </div>
                )}
                <Button type="primary" htmlType="submit" loading={apply.isPending} data-testid="rd-apply-submit">
                  {t('rdcentres.apply.submit')}
                </Button>
              </Panel>
            </div>
            <Panel title={t('rdcentres.apply.check')} data-testid="rd-check-panel">
              <p className="kc-muted kc-small">{t('rdcentres.apply.checkHint')}</p>
              <CriteriaList check={check.data} testId="rd-check" />
            </Panel>
          </div>
        </Form>
      </QueryState>
    </div>
  );
};
