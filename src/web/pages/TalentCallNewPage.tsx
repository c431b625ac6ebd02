import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { IP_TEMPLATES } from '../../shared/schemas/calls.js';
import { TALENT_CATEGORIES, TALENT_FACTS, ZGC_MERIT_TEMPLATE } from '../../shared/schemas/talent-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { placeIssues } from '../app/errors.js';
import { pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useProgrammesQuery } from '../modules/calls/hooks/useCalls.js';
import { ipTemplateLabel } from '../modules/calls/utils/labels.js';
import { EntityPicker } from '../modules/registry/components/editors/EntityPicker.js';
import { draftBody, draftFieldFor, factDef, gateOf, isNumericFact, measuresFor, type DraftValues, type GateValues, type IndicatorValues, type TemplateSource } from '../modules/talent/draft.js';
import { useCreateTalentCallMutation } from '../modules/talent/hooks.js';
import { categoryLabel, factHeading, factUnit, talentIssueText } from '../modules/talent/labels.js';
import { SourceLinks } from '../modules/talent/SourceLinks.js';
import { TalentTabs } from '../modules/talent/TalentTabs.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import '../modules/calls/calls.css';
import '../modules/talent/talent.css';

const NUMERIC_OPS = ['<=', '>=', '<', '>', '=='] as const;

/** One indicator of the scheme: the fact it reads, its points, how the answer is measured, its part and its evidence. */
const IndicatorRow = ({ index, onRemove }: { index: number; onRemove: () => void }) => {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance<DraftValues>();
  const path = ['scheme', 'indicators', index] as const;
  const fact = Form.useWatch([...path, 'fact'], form) as string | undefined;
  const kind = Form.useWatch([...path, 'measureKind'], form) as IndicatorValues['measureKind'];
  const measures = measuresFor(fact);
  const unit = fact ? factUnit(fact, locale) : '';
  const onFact = (name: string) => {
    const f = factDef(name);
    if (!f) return;
    const current = (form.getFieldValue([...path]) ?? {}) as IndicatorValues;
    form.setFieldValue([...path], {
      ...current,
      fact: name,
      part: f.part,
      labelZh: current.labelZh?.trim() ? current.labelZh : f.label['zh-CN'],
      labelEn: current.labelEn?.trim() ? current.labelEn : factHeading(name, 'en-US'),
      measureKind: measuresFor(name)[0],
    });
  };
  return (
    <fieldset className="kc-talent-draft-row" data-testid="talent-draft-indicator">
      <legend>
        {t('talent.draft.indicator', { n: index + 1 })}
        <Button type="link" size="small" icon={<MinusCircleOutlined />} onClick={onRemove} aria-label={t('talent.draft.remove')} data-testid="talent-draft-indicator-remove" />
      </legend>
      <div className="kc-talent-draft-grid">
        <Form.Item name={[index, 'fact']} label={t('talent.draft.fact')} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <Select showSearch optionFilterProp="label" onChange={onFact} data-testid="talent-draft-ind-fact" options={TALENT_FACTS.map((f) => ({ value: f.name, label: factHeading(f.name, locale) }))} />
        </Form.Item>
        <Form.Item name={[index, 'part']} label={t('talent.indicator.part')} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <Radio.Group data-testid="talent-draft-ind-part" options={[{ value: 'personal', label: t('talent.part.personal') }, { value: 'enterprise', label: t('talent.part.enterprise') }]} />
        </Form.Item>
        <Form.Item name={[index, 'points']} label={t('talent.draft.points')} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <InputNumber min={0.5} max={100} style={{ width: '100%' }} data-testid="talent-draft-ind-points" />
        </Form.Item>
      </div>
      <div className="kc-talent-draft-grid">
        <Form.Item name={[index, 'labelZh']} label={t('talent.draft.labelZh')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
          <Input data-testid="talent-draft-ind-label-zh" />
        </Form.Item>
        <Form.Item name={[index, 'labelEn']} label={t('talent.draft.labelEn')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
          <Input data-testid="talent-draft-ind-label-en" />
        </Form.Item>
      </div>
      {fact && (
        <div className="kc-talent-draft-grid">
          {measures.length > 1 ? (
            <Form.Item name={[index, 'measureKind']} label={t('talent.indicator.scoring')}>
              <Radio.Group data-testid="talent-draft-ind-measure" options={measures.map((m) => ({ value: m, label: t(`talent.draft.measure.${m}`) }))} />
            </Form.Item>
          ) : (
            <Form.Item label={t('talent.indicator.scoring')} extra={t('talent.draft.measure.booleanHint')}>
              <span>{t('talent.draft.measure.boolean')}</span>
            </Form.Item>
          )}
          {kind === 'linear' && (
            <Form.Item name={[index, 'perUnit']} label={t('talent.draft.perUnit', { unit })} rules={[{ required: true, message: t('talent.apply.required') }]}>
              <InputNumber min={0.1} max={100} style={{ width: '100%' }} data-testid="talent-draft-ind-per-unit" />
            </Form.Item>
          )}
          {kind === 'bands' && (
            <Form.List name={[index, 'bands']} initialValue={[{}]}>
              {(bands, ops) => (
                <div className="kc-talent-draft-bands" data-testid="talent-draft-ind-bands">
                  <span className="kc-small">{t('talent.draft.bands')}</span>
                  {bands.map((b) => (
                    <div key={b.key} className="kc-talent-draft-band">
                      <Form.Item name={[b.name, 'min']} rules={[{ required: true, message: t('talent.apply.required') }]}>
                        <InputNumber addonBefore={t('talent.draft.bandFrom')} addonAfter={unit || undefined} data-testid="talent-draft-band-min" />
                      </Form.Item>
                      <Form.Item name={[b.name, 'points']} rules={[{ required: true, message: t('talent.apply.required') }]}>
                        <InputNumber min={0} max={100} addonAfter={t('talent.draft.pointsUnit')} data-testid="talent-draft-band-points" />
                      </Form.Item>
                      {bands.length > 1 && <Button type="link" size="small" icon={<MinusCircleOutlined />} onClick={() => ops.remove(b.name)} aria-label={t('talent.draft.remove')} />}
                    </div>
                  ))}
                  <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({})} disabled={bands.length >= 10}>
                    {t('talent.draft.addBand')}
                  </Button>
                </div>
              )}
            </Form.List>
          )}
        </div>
      )}
      <div className="kc-talent-draft-grid">
        <Form.Item name={[index, 'howZh']} label={t('talent.draft.howZh')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
          <Input data-testid="talent-draft-ind-how-zh" placeholder={t('talent.draft.howPlaceholderZh')} />
        </Form.Item>
        <Form.Item name={[index, 'howEn']} label={t('talent.draft.howEn')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
          <Input data-testid="talent-draft-ind-how-en" placeholder={t('talent.draft.howPlaceholderEn')} />
        </Form.Item>
      </div>
    </fieldset>
  );
};

/** One eligibility gate in the common shape: a fact compared with a number, or a yes/no fact required yes or no. */
const GateRow = ({ index, onRemove }: { index: number; onRemove: () => void }) => {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance<DraftValues>();
  const gate = (Form.useWatch(['scheme', 'gates', index], form) ?? {}) as GateValues;
  const numeric = isNumericFact(gate.fact);
  const built = gateOf(gate);
  return (
    <div className="kc-talent-draft-gate" data-testid="talent-draft-gate">
      <Form.Item name={[index, 'fact']} rules={[{ required: true, message: t('talent.apply.required') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 220 }}
          placeholder={t('talent.draft.fact')}
          data-testid="talent-draft-gate-fact"
          onChange={(name: string) => form.setFieldValue(['scheme', 'gates', index], { fact: name, op: isNumericFact(name) ? '<=' : 'yes', value: null })}
          options={TALENT_FACTS.filter((f) => f.type !== 'string').map((f) => ({ value: f.name, label: factHeading(f.name, locale) }))}
        />
      </Form.Item>
      {gate.fact && (
        <Form.Item name={[index, 'op']} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <Select style={{ width: 120 }} data-testid="talent-draft-gate-op" options={(numeric ? [...NUMERIC_OPS] : (['yes', 'no'] as const)).map((op) => ({ value: op, label: t(`talent.draft.op.${op === '==' ? 'eq' : op === '<=' ? 'le' : op === '>=' ? 'ge' : op === '<' ? 'lt' : op === '>' ? 'gt' : op}`) }))} />
        </Form.Item>
      )}
      {gate.fact && numeric && (
        <Form.Item name={[index, 'value']} rules={[{ required: true, message: t('talent.apply.required') }]}>
          <InputNumber style={{ width: 140 }} addonAfter={factUnit(gate.fact, locale) || undefined} data-testid="talent-draft-gate-value" />
        </Form.Item>
      )}
      <Button type="link" size="small" icon={<MinusCircleOutlined />} onClick={onRemove} aria-label={t('talent.draft.remove')} />
      {built && (
        <span className="kc-muted kc-small" data-testid="talent-draft-gate-preview">
          {t('talent.draft.gatePreview', { label: locale === 'zh-CN' ? built.labelZh : built.labelEn })}
        </span>
      )}
    </div>
  );
};

/**
 * 起草人才申报 (officers, calls:manage): the call's terms, its category and
 * the merit-point scheme — weights, threshold, indicators, gates — posted to
 * `POST /talent/calls`. The Zhongguancun template fills only what its sources
 * state (weights and threshold). On success the call's page opens; it is
 * published through the calls engine like any other call.
 */
export const TalentCallNewPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const programmesQuery = useProgrammesQuery(centre.id);
  const programmes = (programmesQuery.data?.items ?? []).filter((p) => p.kind === 'talent');
  const create = useCreateTalentCallMutation(centre.id);
  const [form] = Form.useForm<DraftValues>();
  const [template, setTemplate] = useState<TemplateSource>(null);
  const [error, setError] = useState<string | null>(null);
  // The last server refusal, placed again when the language changes so its messages follow it.
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (failure) setError(placeIssues(form, failure, t, draftFieldFor, talentIssueText) ?? t('talent.draft.fixFields'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on a language change
  }, [locale]);

  const useTemplate = () => {
    form.setFieldsValue({ scheme: { weights: { ...ZGC_MERIT_TEMPLATE.weights }, threshold: ZGC_MERIT_TEMPLATE.threshold } });
    void form.validateFields([['scheme', 'weights', 'personal'], ['scheme', 'weights', 'enterprise']]).catch(() => undefined);
    setTemplate({ template: ZGC_MERIT_TEMPLATE.template, sourceNote: ZGC_MERIT_TEMPLATE.sourceNote, sourceUrls: [...ZGC_MERIT_TEMPLATE.sourceUrls] });
  };

  const submit = async () => {
    setError(null);
    setFailure(null);
    let v: DraftValues;
    try {
      v = await form.validateFields();
    } catch {
      setError(t('talent.draft.fixFields'));
      return;
    }
    try {
      const call = await create.mutateAsync(draftBody(v, template, { tranche: t('talent.draft.fixedTranche'), metric: t('talent.draft.fixedMetric'), unit: t('talent.draft.fixedUnit'), testMethod: t('talent.draft.fixedMethod') }));
      void navigate(`/talent/calls/${encodeURIComponent(call.id)}`);
    } catch (e) {
      setFailure(e);
      setError(placeIssues(form, e, t, draftFieldFor, talentIssueText) ?? t('talent.draft.fixFields'));
    }
  };

  const weightsAdd = ({ getFieldValue }: { getFieldValue: (name: (string | number)[]) => unknown }) => ({
    validator: async () => {
      const p = Number(getFieldValue(['scheme', 'weights', 'personal']));
      const e = Number(getFieldValue(['scheme', 'weights', 'enterprise']));
      if (Number.isFinite(p) && Number.isFinite(e) && Math.abs(p + e - 100) > 1e-9) throw new Error(t('talent.reason.weights_sum'));
    },
  });

  return (
    <div className="kc-talent" data-testid="talent-draft-page">
      <PageHeader title={t('talent.draft.title')} intro={t('talent.draft.intro')} />
      <TalentTabs active="calls" />
      <QueryState isLoading={programmesQuery.isLoading} error={programmesQuery.error} onRetry={() => void programmesQuery.refetch()}>
        {programmes.length === 0 ? (
          <p role="alert" data-testid="talent-draft-no-programme">
            {t('talent.draft.noProgramme')} <Link to="/calls/admin">{t('talent.draft.callsAdmin')}</Link>
          </p>
        ) : (
          <Form
            form={form}
            layout="vertical"
            className="kc-talent-draft"
            data-testid="talent-draft-form"
            initialValues={{ call: { programmeId: programmes.length === 1 ? programmes[0]?.id : undefined, ipTemplate: 'team_retains_licence', isSample: false }, mode: 'application', category: 'young_talent', scheme: { weights: { personal: 100, enterprise: 0 }, threshold: 60, indicators: [{}], gates: [] } }}
          >
            <Panel title={t('talent.draft.callSection')}>
              <div className="kc-talent-draft-grid">
                <Form.Item name={['call', 'programmeId']} label={t('talent.draft.programme')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <Select data-testid="talent-draft-programme" options={programmes.map((p) => ({ value: p.id, label: `${pickTitle(p, locale)}${p.isSample ? ` · ${t('common.sample')}` : ''}` }))} />
                </Form.Item>
                <Form.Item name={['call', 'ownerEntityId']} label={t('talent.draft.owner')} extra={t('talent.draft.ownerHint')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <EntityPicker category="organisation" data-testid="talent-draft-owner" />
                </Form.Item>
              </div>
              <div className="kc-talent-draft-grid">
                <Form.Item name={['call', 'titleZh']} label={t('talent.draft.titleZh')}>
                  <Input data-testid="talent-draft-title-zh" />
                </Form.Item>
                <Form.Item name={['call', 'titleEn']} label={t('talent.draft.titleEn')} rules={[{ required: true, whitespace: true, message: t('talent.apply.required') }]}>
                  <Input data-testid="talent-draft-title-en" />
                </Form.Item>
              </div>
              <div className="kc-talent-draft-grid">
                <Form.Item name="category" label={t('talent.draft.category')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <Select data-testid="talent-draft-category" options={TALENT_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(t, c) }))} />
                </Form.Item>
                <Form.Item name="mode" label={t('talent.draft.mode')}>
                  <Radio.Group options={[{ value: 'application', label: t('talent.mode.application') }, { value: 'nomination', label: t('talent.mode.nomination') }]} />
                </Form.Item>
              </div>
              <Form.Item name={['call', 'problem']} label={t('talent.draft.description')} extra={t('talent.draft.descriptionHint')} rules={[{ required: true, whitespace: true, min: 10, message: t('talent.draft.descriptionShort') }]}>
                <Input.TextArea rows={3} data-testid="talent-draft-description" />
              </Form.Item>
              <div className="kc-talent-draft-grid">
                <Form.Item name={['call', 'deadline']} label={t('talent.draft.deadline')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <Input type="date" data-testid="talent-draft-deadline" />
                </Form.Item>
                <Form.Item name="validityYears" label={t('talent.draft.validity')} extra={t('talent.draft.validityHint')}>
                  <InputNumber min={1} max={20} precision={0} addonAfter={t('talent.draft.years')} style={{ width: '100%' }} data-testid="talent-draft-validity" />
                </Form.Item>
                <Form.Item name={['call', 'budget']} label={t('talent.draft.budget')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <InputNumber min={1} addonAfter={t('talent.yuan')} style={{ width: '100%' }} data-testid="talent-draft-budget" />
                </Form.Item>
                <Form.Item name={['call', 'ipTemplate']} label={t('talent.draft.ipTemplate')}>
                  <Select options={Object.keys(IP_TEMPLATES).map((k) => ({ value: k, label: ipTemplateLabel(t, k) }))} />
                </Form.Item>
              </div>
              <p className="kc-muted kc-small">{t('talent.draft.fixedTerms')}</p>
              <Form.Item name={['call', 'isSample']} valuePropName="checked">
                <Checkbox data-testid="talent-draft-sample">{t('talent.draft.sample')}</Checkbox>
              </Form.Item>
            </Panel>

            <Panel title={t('talent.draft.schemeSection')}>
              <div className="kc-talent-draft-template">
                <Button onClick={useTemplate} data-testid="talent-draft-template">
                  {t('talent.draft.useTemplate')}
                </Button>
                <span className="kc-muted kc-small">{t('talent.draft.templateHint')}</span>
              </div>
              {template && (
                <div className="kc-calls-note kc-talent-source" data-testid="talent-draft-template-source">
                  <span>{t('talent.draft.templateApplied')}</span>
                  <span>{template.sourceNote}</span>
                  <span>
                    {t('talent.draft.sources')}
                    <SourceLinks urls={template.sourceUrls} />
                  </span>
                  <Button type="link" size="small" onClick={() => setTemplate(null)} style={{ alignSelf: 'flex-start', padding: 0 }}>
                    {t('talent.draft.dropTemplate')}
                  </Button>
                </div>
              )}
              <div className="kc-talent-draft-grid">
                <Form.Item name={['scheme', 'weights', 'personal']} label={t('talent.draft.weightPersonal')} dependencies={[['scheme', 'weights', 'enterprise']]} rules={[{ required: true, message: t('talent.apply.required') }, weightsAdd]}>
                  <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} data-testid="talent-draft-weight-personal" />
                </Form.Item>
                <Form.Item name={['scheme', 'weights', 'enterprise']} label={t('talent.draft.weightEnterprise')} dependencies={[['scheme', 'weights', 'personal']]} rules={[{ required: true, message: t('talent.apply.required') }, weightsAdd]}>
                  <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} data-testid="talent-draft-weight-enterprise" />
                </Form.Item>
                <Form.Item name={['scheme', 'threshold']} label={t('talent.draft.threshold')} extra={t('talent.draft.thresholdHint')} rules={[{ required: true, message: t('talent.apply.required') }]}>
                  <InputNumber min={0} max={100} addonAfter={t('talent.draft.pointsUnit')} style={{ width: '100%' }} data-testid="talent-draft-threshold" />
                </Form.Item>
              </div>

              <h3 className="kc-talent-draft-h">{t('talent.draft.indicators')}</h3>
              <p className="kc-muted kc-small">{t('talent.draft.indicatorsHint')}</p>
              <Form.List name={['scheme', 'indicators']}>
                {(fields, ops, meta) => (
                  <div data-testid="talent-draft-indicators">
                    {fields.map((f) => (
                      <IndicatorRow key={f.key} index={f.name} onRemove={() => ops.remove(f.name)} />
                    ))}
                    <div className="kc-calls-error-inline" role={meta.errors.length ? 'alert' : undefined}>
                      <Form.ErrorList errors={meta.errors} />
                    </div>
                    <Button icon={<PlusOutlined />} onClick={() => ops.add({})} disabled={fields.length >= 40} data-testid="talent-draft-add-indicator">
                      {t('talent.draft.addIndicator')}
                    </Button>
                  </div>
                )}
              </Form.List>

              <h3 className="kc-talent-draft-h">{t('talent.scheme.gates')}</h3>
              <p className="kc-muted kc-small">{t('talent.draft.gatesHint')}</p>
              <Form.List name={['scheme', 'gates']}>
                {(fields, ops, meta) => (
                  <div data-testid="talent-draft-gates">
                    {fields.map((f) => (
                      <GateRow key={f.key} index={f.name} onRemove={() => ops.remove(f.name)} />
                    ))}
                    <div className="kc-calls-error-inline" role={meta.errors.length ? 'alert' : undefined}>
                      <Form.ErrorList errors={meta.errors} />
                    </div>
                    <Button icon={<PlusOutlined />} onClick={() => ops.add({})} disabled={fields.length >= 20} data-testid="talent-draft-add-gate">
                      {t('talent.draft.addGate')}
                    </Button>
                  </div>
                )}
              </Form.List>
            </Panel>

            {error && (
              <div className="kc-calls-error" role="alert" data-testid="talent-draft-error">
                {error}
              </div>
            )}
            <div className="kc-talent-draft-actions">
              <Button type="primary" onClick={() => void submit()} loading={create.isPending} data-testid="talent-draft-submit">
                {t('talent.draft.submit')}
              </Button>
              <Link to="/talent">{t('talent.draft.cancel')}</Link>
            </div>
          </Form>
        )}
      </QueryState>
    </div>
  );
};
