import { Alert, Button, Form, Input, InputNumber, Radio, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/errors.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import type { TArea } from '../../../../shared/schemas/centres.js';
import { useAnswerFactsMutation } from '../hooks/useMatches.js';
import type { EnterpriseMatches, FactQuestion } from '../types.js';
import { answersFromForm } from '../utils/answers.js';

type Props = {
  centreId: string;
  enterpriseId: string;
  questions: readonly FactQuestion[];
  areas?: readonly TArea[] | undefined;
  recognitions?: readonly { code: string; label: string }[];
  /** Told the new matches (to say what changed). */
  onAnswered?: (before: EnterpriseMatches['counts'], after: EnterpriseMatches) => void;
  counts: EnterpriseMatches['counts'];
};

/**
 * "Answer these N questions to know": one field per fact the unknown
 * benefits wait for, asked as the catalogue words it; the answers are saved
 * (audited) and the matches come back at once.
 */
export const QuestionsForm = ({ centreId, enterpriseId, questions, areas, recognitions, onAnswered, counts }: Props) => {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const answer = useAnswerFactsMutation(centreId, enterpriseId);
  const [empty, setEmpty] = useState(false);
  const submit = async (values: Record<string, unknown>) => {
    const answers = answersFromForm(questions, values);
    setEmpty(answers.length === 0);
    if (answers.length === 0) return;
    const after = await answer.mutateAsync(answers);
    form.resetFields();
    onAnswered?.(counts, after);
  };
  const unit = (q: FactQuestion) => (locale === 'zh-CN' ? q.unitZh : q.unitEn);
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v).catch(() => undefined)} data-testid="questions-form" className="kc-pol-questions">
      {questions.map((q) => (
        <div key={q.name} data-testid={`question-${q.name}`}>
        <Form.Item
          name={q.name}
          label={
            <span>
              {locale === 'zh-CN' ? q.questionZh : q.questionEn}
              <span className="kc-muted kc-small kc-pol-decides"> {t('policies.questions.decides', { count: q.decides })}</span>
            </span>
          }
        >
          {q.type === 'boolean' ? (
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('policies.yes') },
                { value: false, label: t('policies.no') },
              ]}
            />
          ) : q.type === 'number' || q.type === 'integer' ? (
            <InputNumber
              style={{ width: 240 }}
              precision={q.type === 'integer' ? 0 : undefined}
              {...(unit(q) ? { suffix: unit(q) } : {})}
              data-testid={`question-${q.name}-input`}
            />
          ) : q.type === 'string[]' ? (
            <Select
              mode="tags"
              style={{ maxWidth: 480 }}
              tokenSeparators={[',', '，', '、']}
              options={q.name === 'tiers' ? (recognitions ?? []).map((r) => ({ value: r.code, label: r.label })) : []}
              placeholder={t('policies.questions.listPlaceholder')}
            />
          ) : q.name === 'area' && areas && areas.length > 0 ? (
            <Select showSearch={{ optionFilterProp: 'label' }} style={{ maxWidth: 320 }} options={areas.map((a) => ({ value: a.id, label: pickName(a, locale) }))} />
          ) : (
            <Input style={{ maxWidth: 320 }} />
          )}
        </Form.Item>
        </div>
      ))}
      {empty && <Alert type="info" showIcon title={t('policies.questions.nothing')} style={{ marginBottom: 12 }} />}
      {answer.error && <Alert type="error" showIcon title={errorMessage(answer.error, t)} style={{ marginBottom: 12 }} data-testid="questions-error" />}
      <p className="kc-muted kc-small">{t('policies.questions.privacy')}</p>
      <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="questions-submit">
        {t('policies.questions.submit')}
      </Button>
    </Form>
  );
};
