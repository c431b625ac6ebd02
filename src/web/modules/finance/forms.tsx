import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { COMMON_CURRENCIES, LISTING_BOARDS, ROUND_STAGES, type ListingBoard } from '../../../shared/finance-vocabulary.js';
import type { TExitInput, TRoundInput } from '../../../shared/schemas/finance.js';
import { placeIssues } from '../../app/errors.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { EntityPicker } from '../registry/components/editors/EntityPicker.js';
import { boardLabel, financeIssueText, stageLabel } from './labels.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const fieldOf = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

type RoundValues = Omit<TRoundInput, 'investors' | 'amount' | 'postMoneyValuation'> & { amount?: number | null; postMoneyValuation?: number | null; investors?: { entityId?: string; name?: string; isLead?: boolean }[] };

/** Record an investment round: the investee from the registry, stage, date, amount (blank: undisclosed), valuation and investors. */
export const RoundForm = ({ onSubmit, onCancel }: { onSubmit: (body: TRoundInput) => Promise<void>; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<RoundValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: RoundValues) => {
    setError(null);
    setBusy(true);
    try {
      await onSubmit({
        ...v,
        amount: v.amount ?? null,
        postMoneyValuation: v.postMoneyValuation ?? null,
        sourceNote: v.sourceNote || null,
        sourceUrl: v.sourceUrl || null,
        investors: (v.investors ?? []).map((i) => ({ entityId: i.entityId ?? null, name: i.name ?? '', isLead: i.isLead ?? false })),
      });
    } catch (e) {
      setError(placeIssues(form, e, t, fieldOf, financeIssueText));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ currency: 'CNY', stage: 'a', isSample: false, investors: [] }} onFinish={(v) => void submit(v)} data-testid="round-form">
      <Form.Item name="investeeId" label={t('finance.round.investee')} rules={[{ required: true, message: t('finance.form.required') }]}><EntityPicker category="enterprise" data-testid="round-investee" /></Form.Item>
      <div className="kc-fin-grid">
        <Form.Item name="stage" label={t('finance.round.stage')} rules={[{ required: true }]}><Select options={ROUND_STAGES.map((s) => ({ value: s, label: stageLabel(t, s) }))} data-testid="round-stage" /></Form.Item>
        <Form.Item name="announcedOn" label={t('finance.round.announcedOn')} rules={[{ required: true, pattern: DATE, message: t('finance.form.date') }]}><Input placeholder="YYYY-MM-DD" data-testid="round-date" /></Form.Item>
      </div>
      <div className="kc-fin-grid">
        <Form.Item name="amount" label={t('finance.round.amount')} extra={t('finance.round.amountHint')}><InputNumber min={0} style={{ width: '100%' }} data-testid="round-amount" /></Form.Item>
        <Form.Item name="currency" label={t('finance.round.currency')} rules={[{ required: true }]}><Select options={COMMON_CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="round-currency" /></Form.Item>
      </div>
      <Form.Item name="postMoneyValuation" label={t('finance.round.valuation')}><InputNumber min={0} style={{ width: '100%' }} data-testid="round-valuation" /></Form.Item>
      <Form.List name="investors">
        {(items, { add, remove }) => (
          <div>
            <div style={{ marginBottom: 8 }}>{t('finance.round.investors')}</div>
            {items.map((item) => (
              <div key={item.key} className="kc-fin-investor">
                <Form.Item name={[item.name, 'entityId']}><EntityPicker placeholder={t('finance.round.investorPick')} /></Form.Item>
                <Form.Item name={[item.name, 'name']}><Input placeholder={t('finance.round.investorName')} data-testid="round-investor-name" /></Form.Item>
                <Form.Item name={[item.name, 'isLead']} valuePropName="checked"><Checkbox>{t('finance.round.lead')}</Checkbox></Form.Item>
                <Button onClick={() => remove(item.name)}>{t('finance.form.remove')}</Button>
              </div>
            ))}
            <Button onClick={() => add({ isLead: false })} data-testid="round-add-investor" style={{ marginBottom: 16 }}>{t('finance.round.addInvestor')}</Button>
          </div>
        )}
      </Form.List>
      <Form.Item name="sourceNote" label={t('finance.form.sourceNote')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="sourceUrl" label={t('finance.form.sourceUrl')}><Input placeholder="https://" /></Form.Item>
      <Form.Item name="isSample" valuePropName="checked"><Checkbox data-testid="round-sample">{t('finance.form.sample')}</Checkbox></Form.Item>
      {error && <div className="kc-fin-error" role="alert">{error}</div>}
      <div className="kc-fin-toolbar">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="round-save">{t('finance.form.save')}</Button>
        <Button onClick={onCancel}>{t('finance.form.cancel')}</Button>
      </div>
    </Form>
  );
};

type ExitValues = Omit<TExitInput, 'board' | 'code' | 'acquirerId' | 'acquirerName'> & { board?: ListingBoard; code?: string; acquirerId?: string; acquirerName?: string };

/** Record a listing (board, code) or an acquisition (acquirer). */
export const ExitForm = ({ onSubmit, onCancel }: { onSubmit: (body: TExitInput) => Promise<void>; onCancel: () => void }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<ExitValues>();
  const kind = Form.useWatch('kind', form) ?? 'listing';
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: ExitValues) => {
    setError(null);
    try {
      await onSubmit({ ...v, board: v.kind === 'listing' ? (v.board ?? null) : null, code: v.kind === 'listing' ? v.code || null : null, acquirerId: v.kind === 'acquisition' ? (v.acquirerId ?? null) : null, acquirerName: v.kind === 'acquisition' ? v.acquirerName || null : null, sourceNote: v.sourceNote || null, sourceUrl: v.sourceUrl || null });
    } catch (e) {
      setError(placeIssues(form, e, t, fieldOf, financeIssueText));
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ kind: 'listing', isSample: false }} onFinish={(v) => void submit(v)} data-testid="exit-form">
      <Form.Item name="entityId" label={t('finance.exit.company')} rules={[{ required: true, message: t('finance.form.required') }]}><EntityPicker category="enterprise" data-testid="exit-company" /></Form.Item>
      <div className="kc-fin-grid">
        <Form.Item name="kind" label={t('finance.exit.kind')}><Select options={(['listing', 'acquisition'] as const).map((k) => ({ value: k, label: t(`finance.exitKind.${k}`) }))} data-testid="exit-kind" /></Form.Item>
        <Form.Item name="exitOn" label={t('finance.exit.date')} rules={[{ required: true, pattern: DATE, message: t('finance.form.date') }]}><Input placeholder="YYYY-MM-DD" data-testid="exit-date" /></Form.Item>
      </div>
      {kind === 'listing' ? (
        <div className="kc-fin-grid">
          <Form.Item name="board" label={t('finance.exit.board')}><Select options={LISTING_BOARDS.map((b) => ({ value: b, label: boardLabel(t, b) }))} data-testid="exit-board" /></Form.Item>
          <Form.Item name="code" label={t('finance.exit.code')}><Input data-testid="exit-code" /></Form.Item>
        </div>
      ) : (
        <div className="kc-fin-grid">
          <Form.Item name="acquirerId" label={t('finance.exit.acquirer')}><EntityPicker /></Form.Item>
          <Form.Item name="acquirerName" label={t('finance.exit.acquirerName')}><Input /></Form.Item>
        </div>
      )}
      <Form.Item name="sourceNote" label={t('finance.form.sourceNote')}><Input.TextArea rows={2} /></Form.Item>
      <Form.Item name="isSample" valuePropName="checked"><Checkbox>{t('finance.form.sample')}</Checkbox></Form.Item>
      {error && <div className="kc-fin-error" role="alert">{error}</div>}
      <div className="kc-fin-toolbar">
        <Button type="primary" htmlType="submit" data-testid="exit-save">{t('finance.form.save')}</Button>
        <Button onClick={onCancel}>{t('finance.form.cancel')}</Button>
      </div>
    </Form>
  );
};

/** Enter the rate of a currency for a year (US dollars per unit). */
export const RateForm = ({ onSubmit }: { onSubmit: (body: { currency: string; year: number; usdPerUnit: number; sourceNote: string | null }) => Promise<void> }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<{ currency: string; year: number; usdPerUnit: number; sourceNote?: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { currency: string; year: number; usdPerUnit: number; sourceNote?: string }) => {
    setError(null);
    try {
      await onSubmit({ ...v, sourceNote: v.sourceNote || null });
      form.resetFields();
    } catch (e) {
      setError(placeIssues(form, e, t, fieldOf, financeIssueText));
    }
  };
  return (
    <Form form={form} layout="inline" onFinish={(v) => void submit(v)} data-testid="rate-form" style={{ rowGap: 8 }}>
      <Form.Item name="currency" label={t('finance.rates.currency')} rules={[{ required: true }]}><Select style={{ width: 100 }} options={COMMON_CURRENCIES.filter((c) => c !== 'USD').map((c) => ({ value: c, label: c }))} data-testid="rate-currency" /></Form.Item>
      <Form.Item name="year" label={t('finance.rates.year')} rules={[{ required: true }]}><InputNumber min={1980} max={2100} data-testid="rate-year" /></Form.Item>
      <Form.Item name="usdPerUnit" label={t('finance.rates.usdPerUnit')} rules={[{ required: true }]}><InputNumber min={0} step={0.0001} data-testid="rate-value" /></Form.Item>
      <Form.Item name="sourceNote" label={t('finance.rates.source')}><Input style={{ width: 220 }} /></Form.Item>
      <Button type="primary" htmlType="submit" data-testid="rate-save">{t('finance.rates.save')}</Button>
      {error && <div className="kc-fin-error" role="alert">{error}</div>}
    </Form>
  );
};
