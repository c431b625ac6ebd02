import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { ACHIEVEMENT_STAGES, AVAILABILITY_MODES, TECHNICAL_FIELDS, TRL_LEVELS, type AchievementStage, type AvailabilityMode, type TechnicalField } from '../../../shared/achievements-vocabulary.js';
import type { TAchievement, TAchievementInput } from '../../../shared/schemas/achievements.js';
import { errorMessage, placeIssues } from '../../app/errors.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { fieldLabel } from '../contracts/labels.js';
import { EntityPicker, type PickedEntity } from '../registry/components/editors/EntityPicker.js';
import { achievementIssueText, availabilityLabel, stageLabel } from './labels.js';

type Values = {
  titleZh?: string;
  titleEn?: string;
  summary?: string;
  confidentialDetail?: string;
  field?: TechnicalField;
  trl?: number;
  stage?: AchievementStage;
  keywords?: string[];
  availability?: AvailabilityMode[];
  owners?: { entityId?: string; share?: number | null }[];
  inventors?: { entityId?: string; contribution?: number | null }[];
  patents?: string;
  contracts?: string;
  spinoffs?: { entityId?: string }[];
  isSample?: boolean;
};

const lines = (text: string | undefined): string[] => (text ?? '').split(/[\n,;，；]+/).map((p) => p.trim()).filter(Boolean);

/** Where a server issue belongs in this form. */
const fieldFor = (path: string): (string | number)[] | null => {
  const [head, second] = path.split('.');
  if ((head === 'owners' || head === 'inventors') && second !== undefined) return [head, Number(second), 'entityId'];
  if (head === 'owners') return ['owners', 0, 'share'];
  if (head === 'spinoffIds') return second !== undefined ? ['spinoffs', Number(second), 'entityId'] : ['spinoffs'];
  if (head === 'patentNumbers') return ['patents'];
  if (head === 'contractIds') return ['contracts'];
  return head && ['titleZh', 'titleEn', 'summary', 'confidentialDetail', 'field', 'trl', 'stage', 'keywords', 'availability'].includes(head) ? [head] : null;
};

const picked = (list: { id: string; nameZh: string | null; nameEn: string }[], category: string): PickedEntity[] => list.map((e) => ({ ...e, kind: null, category }));

/**
 * The achievement editor: public summary and confidential detail kept apart
 * on screen as in the record; owners, inventors and spin-offs picked from the
 * registry; patents by number; contracts by record id. An existing detail is
 * not read to edit the rest: it stays as it is (left out of the save) unless
 * the editor reveals it, and that reveal is a logged reading.
 */
export const AchievementForm = ({ achievement, revealDetail, ownOrganisation, saving, onSave }: { achievement?: TAchievement; revealDetail: () => Promise<string | null>; ownOrganisation: { id: string; nameZh: string | null; nameEn: string } | null; saving: boolean; onSave: (input: TAchievementInput) => Promise<void> }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  /** The stored detail is kept, unread, until the editor asks to see it. */
  const [detailKept, setDetailKept] = useState(!!achievement?.hasDetail);
  const [revealing, setRevealing] = useState(false);
  const reveal = async () => {
    setRevealing(true);
    try {
      form.setFieldsValue({ confidentialDetail: (await revealDetail()) ?? '' });
      setDetailKept(false);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setRevealing(false);
    }
  };
  const required = [{ required: true, message: t('fieldReason.required') }];
  const initial: Values = achievement
    ? {
        titleZh: achievement.titleZh,
        titleEn: achievement.titleEn ?? '',
        summary: achievement.summary,
        field: achievement.field,
        trl: achievement.trl,
        stage: achievement.stage,
        keywords: achievement.keywords,
        availability: achievement.availability,
        owners: achievement.owners.map((o) => ({ entityId: o.id, share: o.share })),
        inventors: achievement.inventors.map((i) => ({ entityId: i.id, contribution: i.contribution })),
        patents: achievement.patents.map((p) => p.number).join('\n'),
        contracts: achievement.contracts.map((c) => c.id).join('\n'),
        spinoffs: achievement.spinoffs.map((s) => ({ entityId: s.id })),
        isSample: achievement.isSample,
      }
    : { owners: [{ entityId: ownOrganisation?.id, share: null }], inventors: [], spinoffs: [], keywords: [], availability: [], trl: 4, isSample: false };

  const save = async (v: Values) => {
    setError(null);
    const input: TAchievementInput = {
      titleZh: (v.titleZh ?? '').trim(),
      titleEn: v.titleEn?.trim() || null,
      summary: (v.summary ?? '').trim(),
      ...(detailKept ? {} : { confidentialDetail: v.confidentialDetail?.trim() || null }),
      field: v.field as TechnicalField,
      trl: v.trl ?? 1,
      stage: v.stage as AchievementStage,
      keywords: v.keywords ?? [],
      availability: v.availability ?? [],
      owners: (v.owners ?? []).filter((o) => o?.entityId).map((o) => ({ entityId: o.entityId as string, share: o.share ?? null })),
      inventors: (v.inventors ?? []).filter((i) => i?.entityId).map((i) => ({ entityId: i.entityId as string, contribution: i.contribution ?? null })),
      patentNumbers: lines(v.patents),
      contractIds: lines(v.contracts),
      spinoffIds: (v.spinoffs ?? []).map((s) => s?.entityId).filter((x): x is string => !!x),
      isSample: v.isSample ?? false,
    };
    try {
      await onSave(input);
    } catch (e) {
      setError(placeIssues(form, e, t, fieldFor, achievementIssueText));
    }
  };

  const people = (name: 'owners' | 'inventors', amount: 'share' | 'contribution', category: string | undefined, suggestions: PickedEntity[]) => (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <div className="kc-tc-items">
          {items.map((item) => (
            <div key={item.key} className="kc-tc-item">
              <Form.Item name={[item.name, 'entityId']} style={{ flex: 3, marginBottom: 0 }} rules={name === 'owners' ? required : []}>
                <EntityPicker category={category} suggestions={suggestions} data-testid={`achievement-${name}-${item.name}`} />
              </Form.Item>
              <Form.Item name={[item.name, amount]} style={{ flex: 1, marginBottom: 0 }}>
                <InputNumber min={0.01} max={1} step={0.05} placeholder={t(amount === 'share' ? 'achievements.form.share' : 'achievements.form.contribution')} style={{ width: '100%' }} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label="remove" />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`achievement-add-${name}`}>
            {t(name === 'owners' ? 'achievements.form.addOwner' : 'achievements.form.addInventor')}
          </Button>
        </div>
      )}
    </Form.List>
  );

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="achievement-form" scrollToFirstError>
      <div className="kc-tc-form-section">{t('achievements.form.basics')}</div>
      <div className="kc-tc-row">
        <Form.Item name="titleZh" label={t('achievements.form.titleZh')} rules={required}>
          <Input maxLength={200} data-testid="achievement-title-zh" />
        </Form.Item>
        <Form.Item name="titleEn" label={t('achievements.form.titleEn')}>
          <Input maxLength={300} data-testid="achievement-title-en" />
        </Form.Item>
      </div>
      <div className="kc-tc-row">
        <Form.Item name="field" label={t('achievements.col.field')} rules={required}>
          <Select options={TECHNICAL_FIELDS.map((v) => ({ value: v, label: fieldLabel(t, v) }))} data-testid="achievement-field" />
        </Form.Item>
        <Form.Item name="trl" label={t('achievements.col.trl')} rules={required}>
          <Select options={TRL_LEVELS.map((v) => ({ value: v, label: t('achievements.trl.value', { level: v }) }))} data-testid="achievement-trl" />
        </Form.Item>
        <Form.Item name="stage" label={t('achievements.col.stage')} rules={required}>
          <Select options={ACHIEVEMENT_STAGES.map((v) => ({ value: v, label: stageLabel(t, v) }))} data-testid="achievement-stage" />
        </Form.Item>
        <Form.Item name="availability" label={t('achievements.col.availability')}>
          <Select mode="multiple" options={AVAILABILITY_MODES.map((v) => ({ value: v, label: availabilityLabel(t, v) }))} data-testid="achievement-availability" />
        </Form.Item>
      </div>
      <Form.Item name="keywords" label={t('achievements.form.keywords')} extra={t('achievements.form.keywordsHelp')}>
        <Select mode="tags" maxCount={20} open={false} data-testid="achievement-keywords" />
      </Form.Item>
      <Form.Item name="summary" label={t('achievements.form.summary')} extra={t('achievements.form.summaryHelp')} rules={required}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="achievement-summary" />
      </Form.Item>
      {detailKept ? (
        <Form.Item label={t('achievements.form.detail')} extra={t('achievements.form.detailKeptHelp')}>
          <div className="kc-ach-confidential kc-ach-detail-kept" data-testid="achievement-detail-kept">
            <span>{t('achievements.form.detailKept')}</span>
            <Button onClick={() => void reveal()} loading={revealing} data-testid="achievement-detail-reveal">
              {t('achievements.form.detailReveal')}
            </Button>
          </div>
        </Form.Item>
      ) : (
        <Form.Item name="confidentialDetail" label={t('achievements.form.detail')} extra={t('achievements.form.detailHelp')}>
          <Input.TextArea rows={5} maxLength={20000} className="kc-ach-confidential" data-testid="achievement-detail" />
        </Form.Item>
      )}

      <div className="kc-tc-form-section">{t('achievements.form.parties')}</div>
      <Form.Item label={t('achievements.col.owners')} required>
        {people('owners', 'share', undefined, picked(achievement?.owners ?? (ownOrganisation ? [ownOrganisation] : []), 'enterprise'))}
      </Form.Item>
      <Form.Item label={t('achievements.page.inventors')}>{people('inventors', 'contribution', 'person', picked(achievement?.inventors ?? [], 'person'))}</Form.Item>

      <div className="kc-tc-form-section">{t('achievements.form.linksSection')}</div>
      <div className="kc-tc-row">
        <Form.Item name="patents" label={t('achievements.form.patents')} extra={t('achievements.form.patentsHelp')}>
          <Input.TextArea rows={3} data-testid="achievement-patents" />
        </Form.Item>
        <Form.Item name="contracts" label={t('achievements.form.contracts')} extra={t('achievements.form.contractsHelp')}>
          <Input.TextArea rows={3} data-testid="achievement-contracts" />
        </Form.Item>
      </div>
      <Form.Item label={t('achievements.page.spinoffs')}>
        <Form.List name="spinoffs">
          {(items, { add, remove }) => (
            <div className="kc-tc-items">
              {items.map((item) => (
                <div key={item.key} className="kc-tc-item">
                  <Form.Item name={[item.name, 'entityId']} style={{ flex: 1, marginBottom: 0 }}>
                    <EntityPicker suggestions={picked(achievement?.spinoffs ?? [], 'enterprise')} data-testid={`achievement-spinoff-${item.name}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(item.name)} aria-label="remove" />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('achievements.form.addSpinoff')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="isSample" valuePropName="checked">
        <Checkbox data-testid="achievement-sample">{t('achievements.form.isSample')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="achievement-save">
        {t('achievements.form.save')}
      </Button>
      {error && (
        <div className="kc-tc-error" role="alert" data-testid="achievement-form-error">
          {error}
        </div>
      )}
    </Form>
  );
};
