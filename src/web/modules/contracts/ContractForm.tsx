import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useState } from 'react';
import { AMOUNT_ITEMS, NON_TECHNICAL_ITEMS, PLAN_ORIGINS, PROVINCES, TECH_CONTRACT_TYPES, TECHNICAL_FIELDS, type AmountItem, type PlanOrigin, type TechContractType, type TechnicalField } from '../../../shared/contracts-vocabulary.js';
import type { TTechContract, TTechContractInput } from '../../../shared/schemas/contracts.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { fieldIssueMessage, placeIssues } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { fieldLabel, formatYuan, itemLabel, planLabel, typeLabel } from './labels.js';

type Values = {
  contractNumber?: string;
  title?: string;
  type?: TechContractType;
  field?: TechnicalField;
  signedOn?: string;
  validUntil?: string;
  sellerId?: string;
  buyerInRegistry?: boolean;
  buyerEntityId?: string;
  buyerName?: string;
  buyerRegion?: string;
  abroadCountry?: string;
  amount?: number;
  breakdown?: { item?: AmountItem; amount?: number }[];
  patents?: string;
  planOrigin?: PlanOrigin;
  planProject?: string;
  isSample?: boolean;
};

const ABROAD = 'abroad';

/** The registry's own reasons (`contracts.reason.*`), then the shared ones. */
export const contractIssueText = (issue: FieldIssue, t: Translator): string => {
  const key = `contracts.reason.${issue.reason}`;
  return t.has(key) ? t(key as MessageKey) : fieldIssueMessage(issue, t);
};

/** Where a server issue belongs in this form. */
const fieldFor = (path: string): (string | number)[] | null => {
  const [head, second, third] = path.split('.');
  if (head === 'buyer') return second === 'entityId' ? ['buyerEntityId'] : second === 'name' ? ['buyerName'] : ['buyerRegion'];
  if (head === 'breakdown') return second !== undefined && third ? ['breakdown', Number(second), third] : ['amount'];
  if (head === 'patentNumbers') return ['patents'];
  return head && ['contractNumber', 'title', 'type', 'field', 'signedOn', 'validUntil', 'sellerId', 'amount', 'planOrigin', 'planProject'].includes(head) ? [head] : null;
};

const initialValues = (c: TTechContract | undefined, sellerId: string | undefined): Values =>
  c
    ? {
        contractNumber: c.contractNumber,
        title: c.title,
        type: c.type,
        field: c.field,
        signedOn: c.signedOn,
        validUntil: c.validUntil ?? '',
        sellerId: c.seller.id,
        buyerInRegistry: c.buyer.entityId !== null,
        buyerEntityId: c.buyer.entityId ?? undefined,
        buyerName: c.buyer.name,
        buyerRegion: c.buyer.region.startsWith('abroad:') ? ABROAD : c.buyer.region,
        abroadCountry: c.buyer.region.startsWith('abroad:') ? c.buyer.region.slice(7) : '',
        amount: c.amount,
        breakdown: c.breakdown,
        patents: c.patentNumbers.join('\n'),
        planOrigin: c.planOrigin,
        planProject: c.planProject ?? '',
        isSample: c.isSample,
      }
    : { sellerId, buyerInRegistry: false, breakdown: [], planOrigin: 'none', isSample: false };

/**
 * The contract form, for a new submission and for a correction. The seller is
 * the member's own organisation (a registrar picks it); the technical
 * transaction amount is shown as the cost items are entered.
 */
export const ContractForm = ({ contract, ownOrganisation, submitLabel, saving, onSave }: { contract?: TTechContract; ownOrganisation: { id: string; name: string } | null; submitLabel: string; saving: boolean; onSave: (input: TTechContractInput) => Promise<void> }) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const inRegistry = Form.useWatch('buyerInRegistry', form) ?? false;
  const region = Form.useWatch('buyerRegion', form);
  const amount = Form.useWatch('amount', form) ?? 0;
  const breakdown = Form.useWatch('breakdown', form) ?? [];
  const nonTechnical = breakdown.filter((b) => b?.item && NON_TECHNICAL_ITEMS.includes(b.item)).reduce((s, b) => s + (b?.amount ?? 0), 0);
  const required = [{ required: true, message: t('contracts.form.required') }];

  const save = async (v: Values) => {
    setError(null);
    const input: TTechContractInput = {
      contractNumber: (v.contractNumber ?? '').trim(),
      title: (v.title ?? '').trim(),
      type: v.type as TechContractType,
      field: v.field as TechnicalField,
      sellerId: v.sellerId ?? ownOrganisation?.id ?? '',
      buyer: v.buyerInRegistry
        ? { entityId: v.buyerEntityId ?? '', name: null, region: null }
        : { entityId: null, name: (v.buyerName ?? '').trim(), region: v.buyerRegion === ABROAD ? `abroad:${(v.abroadCountry ?? '').trim().toUpperCase()}` : (v.buyerRegion ?? null) },
      amount: v.amount ?? 0,
      breakdown: (v.breakdown ?? []).filter((b) => b?.item).map((b) => ({ item: b.item as AmountItem, amount: b.amount ?? 0 })),
      patentNumbers: (v.patents ?? '').split(/[\n,;，；]+/).map((p) => p.trim()).filter(Boolean),
      planOrigin: v.planOrigin ?? 'none',
      planProject: v.planProject?.trim() || null,
      signedOn: v.signedOn ?? '',
      validUntil: v.validUntil || null,
      isSample: v.isSample ?? false,
    };
    try {
      await onSave(input);
    } catch (e) {
      setError(placeIssues(form, e, t, fieldFor, contractIssueText));
    }
  };

  return (
    <Form form={form} layout="vertical" initialValues={initialValues(contract, ownOrganisation?.id)} onFinish={(v) => void save(v)} data-testid="contract-form" scrollToFirstError>
      <div className="kc-tc-form-section">{t('contracts.form.basics')}</div>
      <div className="kc-tc-row">
        <Form.Item name="contractNumber" label={t('contracts.col.number')} rules={required}>
          <Input maxLength={64} data-testid="contract-number" />
        </Form.Item>
        <Form.Item name="title" label={t('contracts.col.title')} rules={required}>
          <Input maxLength={200} data-testid="contract-title" />
        </Form.Item>
      </div>
      <div className="kc-tc-row">
        <Form.Item name="type" label={t('contracts.col.type')} rules={required}>
          <Select options={TECH_CONTRACT_TYPES.map((v) => ({ value: v, label: typeLabel(t, v) }))} data-testid="contract-type" />
        </Form.Item>
        <Form.Item name="field" label={t('contracts.col.field')} rules={required}>
          <Select options={TECHNICAL_FIELDS.map((v) => ({ value: v, label: fieldLabel(t, v) }))} data-testid="contract-field" />
        </Form.Item>
        <Form.Item name="signedOn" label={t('contracts.col.signedOn')} rules={required}>
          <Input type="date" data-testid="contract-signed-on" />
        </Form.Item>
        <Form.Item name="validUntil" label={t('contracts.form.validUntil')}>
          <Input type="date" data-testid="contract-valid-until" />
        </Form.Item>
      </div>

      <div className="kc-tc-form-section">{t('contracts.form.parties')}</div>
      {ownOrganisation ? (
        <Form.Item label={t('contracts.form.seller')}>
          <Input value={ownOrganisation.name} disabled data-testid="contract-seller-own" />
        </Form.Item>
      ) : (
        <Form.Item name="sellerId" label={t('contracts.col.seller')} rules={required}>
          <EntityPicker data-testid="contract-seller" />
        </Form.Item>
      )}
      <Form.Item name="buyerInRegistry" label={t('contracts.form.buyerInRegistry')} valuePropName="checked">
        <Switch data-testid="contract-buyer-in-registry" />
      </Form.Item>
      {inRegistry ? (
        <Form.Item name="buyerEntityId" label={t('contracts.form.buyerEntity')} rules={required}>
          <EntityPicker data-testid="contract-buyer-entity" />
        </Form.Item>
      ) : (
        <div className="kc-tc-row">
          <Form.Item name="buyerName" label={t('contracts.form.buyerName')} rules={required}>
            <Input maxLength={200} data-testid="contract-buyer-name" />
          </Form.Item>
          <Form.Item name="buyerRegion" label={t('contracts.form.buyerRegion')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={[...Object.entries(PROVINCES).map(([code, n]) => ({ value: code, label: locale === 'zh-CN' ? n.zh : n.en })), { value: ABROAD, label: t('contracts.form.abroad') }]}
              data-testid="contract-buyer-region"
            />
          </Form.Item>
          {region === ABROAD && (
            <Form.Item name="abroadCountry" label={t('contracts.form.abroadCountry')} rules={[...required, { pattern: /^[A-Za-z]{2}$/, message: 'ISO 3166' }]}>
              <Input maxLength={2} data-testid="contract-abroad-country" />
            </Form.Item>
          )}
        </div>
      )}

      <div className="kc-tc-form-section">{t('contracts.form.amounts')}</div>
      <Form.Item name="amount" label={t('contracts.col.amount')} rules={required}>
        <InputNumber min={0} max={1e12} precision={2} style={{ width: 260 }} data-testid="contract-amount" />
      </Form.Item>
      <Form.List name="breakdown">
        {(items, { add, remove }) => (
          <div className="kc-tc-items">
            {items.map((item) => (
              <div key={item.key} className="kc-tc-item" data-testid="contract-item">
                <Form.Item name={[item.name, 'item']} rules={required} noStyle>
                  <Select style={{ width: 220 }} options={AMOUNT_ITEMS.map((v) => ({ value: v, label: itemLabel(t, v) }))} data-testid="contract-item-kind" />
                </Form.Item>
                <Form.Item name={[item.name, 'amount']} rules={required} noStyle>
                  <InputNumber min={0} max={1e12} precision={2} style={{ width: 200 }} data-testid="contract-item-amount" />
                </Form.Item>
                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label={t('contracts.form.removeItem')} />
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ width: 260 }} data-testid="contract-add-item">
              {t('contracts.form.addItem')}
            </Button>
          </div>
        )}
      </Form.List>
      <p className="kc-muted" data-testid="contract-technical-preview">
        {t('contracts.form.technicalPreview', { amount: formatYuan(Math.max(0, amount - nonTechnical), locale) })}
      </p>

      <div className="kc-tc-form-section">{t('contracts.form.ip')}</div>
      <Form.Item name="patents" label={t('contracts.form.patents')} extra={t('contracts.form.patentsHint')}>
        <Input.TextArea rows={2} data-testid="contract-patents" />
      </Form.Item>
      <div className="kc-tc-row">
        <Form.Item name="planOrigin" label={t('contracts.form.planOrigin')}>
          <Select options={PLAN_ORIGINS.map((v) => ({ value: v, label: planLabel(t, v) }))} data-testid="contract-plan" />
        </Form.Item>
        <Form.Item name="planProject" label={t('contracts.form.planProject')}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <Form.Item name="isSample" valuePropName="checked">
        <Checkbox data-testid="contract-sample">{t('contracts.form.sample')}</Checkbox>
      </Form.Item>
      {error && (
        <div className="kc-tc-error" role="alert" data-testid="contract-form-error">
          {error}
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="contract-submit">
        {submitLabel}
      </Button>
    </Form>
  );
};
