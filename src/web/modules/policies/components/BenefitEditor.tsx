import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { BENEFIT_KINDS } from '../../../../shared/schemas/policies.js';
import type { FactDefinition } from '../types.js';
import { factTitle } from '../utils/format.js';
import { benefitKindLabel } from '../utils/labels.js';
import { RuleBuilder } from './RuleBuilder.js';

export type DraftBenefit = {
  /** A local key for React (a benefit's code may be edited). */
  localId: string;
  code: string;
  nameZh: string;
  nameEn: string | null;
  kind: (typeof BENEFIT_KINDS)[number];
  amount: number | null;
  rate: number | null;
  rateBase: string | null;
  cap: number | null;
  tranches: { label: string; share: number }[];
  clauseRefs: string[];
  rule: unknown;
};

type Props = {
  centreId: string;
  index: number;
  benefit: DraftBenefit;
  onChange: (b: DraftBenefit) => void;
  onRemove: () => void;
  clauseNumbers: readonly string[];
  catalogue: readonly FactDefinition[];
  recognitions: readonly { code: string; label: string }[];
  issues: readonly string[];
};

const Field = ({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) => (
  <label className="kc-field" style={{ display: 'flex', flexDirection: 'column', gap: 4, marginBottom: 8, ...(wide ? { gridColumn: '1 / -1' } : {}) }}>
    <span className="kc-small kc-muted">{label}</span>
    {children}
  </label>
);

/** One benefit of a draft: code, names, kind, money (amount, rate of a fact, cap, tranches), the clauses it rests on, and its eligibility rule. */
export const BenefitEditor = ({ centreId, index, benefit, onChange, onRemove, clauseNumbers, catalogue, recognitions, issues }: Props) => {
  const { t, locale } = useI18n();
  const set = (patch: Partial<DraftBenefit>) => onChange({ ...benefit, ...patch });
  const numericFacts = catalogue.filter((f) => f.type === 'number' || f.type === 'integer');
  const num = (v: number | string | null) => (typeof v === 'number' ? v : null);
  return (
    <section className="kc-pol-benefit" data-testid="benefit-editor" data-index={index}>
      <div className="kc-pol-benefit-head">
        <strong>{t('policies.edit.benefitN', { n: index + 1 })}</strong>
        <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid="benefit-remove">
          {t('policies.edit.removeBenefit')}
        </Button>
      </div>
      <div className="kc-pol-grid">
        <Field label={t('policies.edit.benefitCode')}>
          <Input value={benefit.code} onChange={(e) => set({ code: e.target.value })} placeholder="rd-grant" data-testid="benefit-code" />
        </Field>
        <Field label={t('policies.edit.nameZh')}>
          <Input value={benefit.nameZh} onChange={(e) => set({ nameZh: e.target.value })} data-testid="benefit-name-zh" />
        </Field>
        <Field label={t('policies.edit.nameEn')}>
          <Input value={benefit.nameEn ?? ''} onChange={(e) => set({ nameEn: e.target.value || null })} data-testid="benefit-name-en" />
        </Field>
        <Field label={t('policies.edit.kind')}>
          <Select value={benefit.kind} onChange={(kind) => set({ kind })} options={BENEFIT_KINDS.map((k) => ({ value: k, label: benefitKindLabel(t, k) }))} data-testid="benefit-kind" />
        </Field>
        <Field label={t('policies.edit.amount')}>
          <InputNumber style={{ width: '100%' }} min={0} value={benefit.amount} onChange={(v) => set({ amount: num(v) })} suffix={t('policies.edit.yuan')} data-testid="benefit-amount" />
        </Field>
        <Field label={t('policies.edit.rate')}>
          <InputNumber style={{ width: '100%' }} min={0} max={1000} value={benefit.rate} onChange={(v) => set({ rate: num(v) })} suffix="%" data-testid="benefit-rate" />
        </Field>
        <Field label={t('policies.edit.rateBase')}>
          <Select
            allowClear
            value={benefit.rateBase ?? undefined}
            onChange={(v: string | undefined) => set({ rateBase: v ?? null })}
            options={numericFacts.map((f) => ({ value: f.name, label: factTitle(catalogue, f.name, locale) }))}
            data-testid="benefit-rate-base"
          />
        </Field>
        <Field label={t('policies.edit.cap')}>
          <InputNumber style={{ width: '100%' }} min={0} value={benefit.cap} onChange={(v) => set({ cap: num(v) })} suffix={t('policies.edit.yuan')} data-testid="benefit-cap" />
        </Field>
        <Field label={t('policies.edit.clauseRefs')}>
          <Select mode="multiple" value={benefit.clauseRefs} onChange={(v: string[]) => set({ clauseRefs: v })} options={clauseNumbers.filter((n) => n.trim()).map((n) => ({ value: n, label: n }))} data-testid="benefit-clause-refs" />
        </Field>
      </div>
      <div className="kc-small kc-muted" style={{ marginBottom: 4 }}>
        {t('policies.edit.tranches')}
      </div>
      {benefit.tranches.map((tr, i) => (
        <div key={i} className="kc-rb-row" style={{ marginBottom: 6 }} data-testid="benefit-tranche">
          <Input style={{ width: 200 }} value={tr.label} placeholder={t('policies.edit.trancheLabel')} onChange={(e) => set({ tranches: benefit.tranches.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)) })} />
          <InputNumber style={{ width: 120 }} min={0} max={100} value={tr.share} suffix="%" onChange={(v) => set({ tranches: benefit.tranches.map((x, j) => (j === i ? { ...x, share: num(v) ?? 0 } : x)) })} />
          <Button type="text" icon={<DeleteOutlined />} aria-label={t('policies.rb.remove')} onClick={() => set({ tranches: benefit.tranches.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => set({ tranches: [...benefit.tranches, { label: '', share: 100 }] })} style={{ marginBottom: 12 }} data-testid="benefit-add-tranche">
        {t('policies.edit.addTranche')}
      </Button>
      <div className="kc-small kc-muted" style={{ marginBottom: 4 }}>
        {t('policies.edit.rule')}
      </div>
      <RuleBuilder centreId={centreId} value={benefit.rule} onChange={(rule) => set({ rule })} catalogue={catalogue} recognitions={recognitions} />
      {issues.length > 0 && (
        <ul className="kc-small" style={{ color: 'var(--kc-error)', margin: '8px 0 0', paddingInlineStart: 18 }} data-testid="benefit-issues">
          {issues.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </section>
  );
};
