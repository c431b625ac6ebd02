import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import { HOSTED_ORG_KINDS, PARTNER_SIDES, REGIONAL_RECORD_KINDS } from '../../../shared/cooperation-vocabulary.js';
import type { TAgreementInput, THostedOrgInput, TJointLabInput, TRegionalConfig, TRegionalRecordInput } from '../../../shared/schemas/cooperation.js';
import { placeIssues } from '../../app/errors.js';
import { pickName } from '../../i18n/format.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { cooperationIssueText, DATE, fieldOf } from './labels.js';

/** Shared frame of the cooperation forms: submit, show refusals beside their fields, save/cancel. */
const useSubmit = <V, B>(form: ReturnType<typeof Form.useForm<V>>[0], toBody: (v: V) => B, onSubmit: (b: B) => Promise<void>) => {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: V) => {
    setError(null);
    setBusy(true);
    try {
      await onSubmit(toBody(v));
    } catch (e) {
      setError(placeIssues(form, e, t, fieldOf, cooperationIssueText));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
};

const Actions = ({ error, busy, onCancel, testId }: { error: string | null; busy: boolean; onCancel: () => void; testId: string }) => {
  const { t } = useI18n();
  return (
    <>
      {error && <div className="kc-coop-error" role="alert">{error}</div>}
      <div className="kc-coop-toolbar">
        <Button type="primary" htmlType="submit" loading={busy} data-testid={`${testId}-save`}>{t('cooperation.form.save')}</Button>
        <Button onClick={onCancel}>{t('cooperation.form.cancel')}</Button>
      </div>
    </>
  );
};

const SourceAndSample = () => {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="sourceNote" label={t('cooperation.form.sourceNote')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="isSample" valuePropName="checked"><Checkbox data-testid="coop-sample">{t('cooperation.form.sample')}</Checkbox></Form.Item>
    </>
  );
};

type RegionalValues = Omit<TRegionalRecordInput, 'entityId' | 'amount' | 'sourceNote'> & { entityId?: string; amount?: number; sourceNote?: string };

/** A project, technology contract or relocation from one configured region to another. */
export const RegionalRecordForm = ({ config, onSubmit, onCancel }: { config: TRegionalConfig; onSubmit: (b: TRegionalRecordInput) => Promise<void>; onCancel: () => void }) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RegionalValues>();
  const { error, busy, submit } = useSubmit(form, (v: RegionalValues): TRegionalRecordInput => ({ ...v, entityId: v.entityId ?? null, organisationName: v.organisationName ?? '', amount: v.amount ?? null, sourceNote: v.sourceNote || null }), onSubmit);
  const regions = config.regions.map((r) => ({ value: r.code, label: pickName(r, locale) }));
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'relocation', isSample: false }} onFinish={(v) => void submit(v)} data-testid="regional-form">
      <div className="kc-coop-grid">
        <Form.Item name="kind" label={t('cooperation.regional.kind')} rules={[{ required: true }]}><Select options={REGIONAL_RECORD_KINDS.map((k) => ({ value: k, label: t(`cooperation.kind.${k}`) }))} data-testid="regional-kind" /></Form.Item>
        <Form.Item name="occurredOn" label={t('cooperation.regional.date')} rules={[{ required: true, pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" data-testid="regional-date" /></Form.Item>
      </div>
      <div className="kc-coop-grid">
        <Form.Item name="fromRegion" label={t('cooperation.regional.from')} rules={[{ required: true, message: t('cooperation.form.required') }]}><Select options={regions} data-testid="regional-from" /></Form.Item>
        <Form.Item name="toRegion" label={t('cooperation.regional.to')} rules={[{ required: true, message: t('cooperation.form.required') }]}><Select options={regions} data-testid="regional-to" /></Form.Item>
      </div>
      <Form.Item name="title" label={t('cooperation.regional.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="regional-title" /></Form.Item>
      <div className="kc-coop-grid">
        <Form.Item name="entityId" label={t('cooperation.regional.organisation')}><EntityPicker /></Form.Item>
        <Form.Item name="organisationName" label={t('cooperation.regional.organisationName')}><Input data-testid="regional-organisation" /></Form.Item>
      </div>
      <Form.Item name="amount" label={t('cooperation.regional.amount')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
      <SourceAndSample />
      <Actions error={error} busy={busy} onCancel={onCancel} testId="regional" />
    </Form>
  );
};

type PartnerValues = { side?: 'local' | 'foreign'; entityId?: string; name?: string; country?: string };
const partnerBody = (rows: PartnerValues[] | undefined) => (rows ?? []).map((p) => ({ side: p.side ?? 'foreign', entityId: p.entityId ?? null, name: p.name ?? '', country: (p.country ?? '').toUpperCase() }));

/** Partners or parties: side, registry organisation or name, country code. */
const PartnerList = ({ name, label, homeCountry }: { name: string; label: ReactNode; homeCountry: string }) => {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(items, { add, remove }, { errors }) => (
        <div>
          <div style={{ marginBottom: 8 }}>{label}</div>
          {items.map((item) => (
            <div key={item.key} className="kc-coop-partner">
              <Form.Item name={[item.name, 'side']}><Select options={PARTNER_SIDES.map((s) => ({ value: s, label: t(`cooperation.side.${s}`) }))} data-testid="partner-side" /></Form.Item>
              <Form.Item name={[item.name, 'entityId']}><EntityPicker placeholder={t('cooperation.partner.pick')} /></Form.Item>
              <Form.Item name={[item.name, 'name']}><Input placeholder={t('cooperation.partner.name')} data-testid="partner-name" /></Form.Item>
              <Form.Item name={[item.name, 'country']}><Input placeholder={t('cooperation.partner.country')} maxLength={2} data-testid="partner-country" /></Form.Item>
              <Button onClick={() => remove(item.name)}>{t('cooperation.form.remove')}</Button>
            </div>
          ))}
          <Form.ErrorList errors={errors} />
          <div className="kc-coop-toolbar">
            <Button onClick={() => add({ side: 'local', country: homeCountry })} data-testid="partner-add-local">{t('cooperation.partner.addLocal')}</Button>
            <Button onClick={() => add({ side: 'foreign' })} data-testid="partner-add-foreign">{t('cooperation.partner.addForeign')}</Button>
          </div>
        </div>
      )}
    </Form.List>
  );
};

type LabValues = Omit<TJointLabInput, 'partners' | 'nameEn' | 'establishedOn' | 'endedOn' | 'sourceNote'> & { nameEn?: string; establishedOn?: string; endedOn?: string; sourceNote?: string; partners?: PartnerValues[] };

export const JointLabForm = ({ homeCountry, onSubmit, onCancel }: { homeCountry: string; onSubmit: (b: TJointLabInput) => Promise<void>; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<LabValues>();
  const { error, busy, submit } = useSubmit(form, (v: LabValues): TJointLabInput => ({ ...v, nameEn: v.nameEn || null, establishedOn: v.establishedOn || null, endedOn: v.endedOn || null, sourceNote: v.sourceNote || null, partners: partnerBody(v.partners) }), onSubmit);
  return (
    <Form form={form} layout="vertical" initialValues={{ isSample: false, partners: [{ side: 'local', country: homeCountry }, { side: 'foreign' }] }} onFinish={(v) => void submit(v)} data-testid="lab-form">
      <div className="kc-coop-grid">
        <Form.Item name="nameZh" label={t('cooperation.lab.nameZh')} rules={[{ required: true, min: 2 }]}><Input data-testid="lab-name" /></Form.Item>
        <Form.Item name="nameEn" label={t('cooperation.lab.nameEn')}><Input /></Form.Item>
      </div>
      <Form.Item name="field" label={t('cooperation.lab.field')} rules={[{ required: true }]}><Input data-testid="lab-field" /></Form.Item>
      <div className="kc-coop-grid">
        <Form.Item name="establishedOn" label={t('cooperation.lab.established')} rules={[{ pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        <Form.Item name="endedOn" label={t('cooperation.lab.ended')} rules={[{ pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
      </div>
      <PartnerList name="partners" label={t('cooperation.lab.partners')} homeCountry={homeCountry} />
      <SourceAndSample />
      <Actions error={error} busy={busy} onCancel={onCancel} testId="lab" />
    </Form>
  );
};

type AgreementValues = Omit<TAgreementInput, 'parties' | 'endsOn' | 'sourceNote'> & { endsOn?: string; sourceNote?: string; parties?: PartnerValues[] };

export const AgreementForm = ({ homeCountry, onSubmit, onCancel }: { homeCountry: string; onSubmit: (b: TAgreementInput) => Promise<void>; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<AgreementValues>();
  const { error, busy, submit } = useSubmit(form, (v: AgreementValues): TAgreementInput => ({ ...v, endsOn: v.endsOn || null, sourceNote: v.sourceNote || null, parties: partnerBody(v.parties) }), onSubmit);
  return (
    <Form form={form} layout="vertical" initialValues={{ isSample: false, parties: [{ side: 'local', country: homeCountry }, { side: 'foreign' }] }} onFinish={(v) => void submit(v)} data-testid="agreement-form">
      <Form.Item name="title" label={t('cooperation.agreement.title')} rules={[{ required: true, min: 2 }]}><Input data-testid="agreement-title" /></Form.Item>
      <Form.Item name="subject" label={t('cooperation.agreement.subject')} rules={[{ required: true }]}><Input.TextArea rows={2} data-testid="agreement-subject" /></Form.Item>
      <div className="kc-coop-grid">
        <Form.Item name="signedOn" label={t('cooperation.agreement.signed')} rules={[{ required: true, pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" data-testid="agreement-date" /></Form.Item>
        <Form.Item name="endsOn" label={t('cooperation.agreement.ends')} rules={[{ pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
      </div>
      <PartnerList name="parties" label={t('cooperation.agreement.parties')} homeCountry={homeCountry} />
      <SourceAndSample />
      <Actions error={error} busy={busy} onCancel={onCancel} testId="agreement" />
    </Form>
  );
};

type HostedValues = Omit<THostedOrgInput, 'entityId' | 'nameEn' | 'field' | 'hostedSince' | 'hostedUntil' | 'sourceNote'> & { entityId?: string; nameEn?: string; field?: string; hostedSince?: string; hostedUntil?: string; sourceNote?: string };

export const HostedOrgForm = ({ onSubmit, onCancel }: { onSubmit: (b: THostedOrgInput) => Promise<void>; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<HostedValues>();
  const { error, busy, submit } = useSubmit(form, (v: HostedValues): THostedOrgInput => ({ ...v, entityId: v.entityId ?? null, nameEn: v.nameEn || null, field: v.field || null, hostedSince: v.hostedSince || null, hostedUntil: v.hostedUntil || null, sourceNote: v.sourceNote || null, memberCountries: (v.memberCountries ?? []).map((c) => c.toUpperCase()) }), onSubmit);
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'organisation', isSample: false, memberCountries: [] }} onFinish={(v) => void submit(v)} data-testid="hosted-form">
      <div className="kc-coop-grid">
        <Form.Item name="nameZh" label={t('cooperation.hosted.nameZh')} rules={[{ required: true, min: 2 }]}><Input data-testid="hosted-name" /></Form.Item>
        <Form.Item name="nameEn" label={t('cooperation.hosted.nameEn')}><Input /></Form.Item>
      </div>
      <div className="kc-coop-grid">
        <Form.Item name="kind" label={t('cooperation.hosted.kind')}><Select options={HOSTED_ORG_KINDS.map((k) => ({ value: k, label: t(`cooperation.hostedKind.${k}`) }))} /></Form.Item>
        <Form.Item name="field" label={t('cooperation.hosted.field')}><Input /></Form.Item>
      </div>
      <Form.Item name="entityId" label={t('cooperation.hosted.entity')}><EntityPicker /></Form.Item>
      <Form.Item name="memberCountries" label={t('cooperation.hosted.countries')} extra={t('cooperation.hosted.countriesHint')}><Select mode="tags" tokenSeparators={[',', ' ', '，']} data-testid="hosted-countries" /></Form.Item>
      <div className="kc-coop-grid">
        <Form.Item name="hostedSince" label={t('cooperation.hosted.since')} rules={[{ pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
        <Form.Item name="hostedUntil" label={t('cooperation.hosted.until')} rules={[{ pattern: DATE, message: t('cooperation.form.date') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
      </div>
      <SourceAndSample />
      <Actions error={error} busy={busy} onCancel={onCancel} testId="hosted" />
    </Form>
  );
};
