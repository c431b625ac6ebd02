import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { PROGRAMME_KINDS } from '../../../../shared/schemas/calls.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useCreateProgrammeMutation, useUpdateProgrammeMutation } from '../hooks/useCalls.js';
import type { Programme } from '../types.js';
import { placeFailure, programmeKindLabel } from '../utils/labels.js';
import { fieldForIssue, initialProgrammeValues, NEW_CRITERION, programmeBody, programmeValues, type ProgrammeValues } from '../utils/programme.js';

const CRITERION_KINDS = ['numeric', 'rating', 'pass_fail'] as const;

/**
 * "New programme" (`POST /call-programmes`), or editing one (`PUT`, given
 * `programme`): titles, kind, year, review settings and the scoring form.
 */
export const ProgrammeDialog = ({ centreId, open, onClose, programme }: { centreId: string; open: boolean; onClose: () => void; programme?: Programme }) => {
  const { t } = useI18n();
  const [form] = Form.useForm<ProgrammeValues>();
  const createMutation = useCreateProgrammeMutation(centreId);
  const update = useUpdateProgrammeMutation(centreId);
  const create = programme ? update : createMutation;
  const [error, setError] = useState<string | null>(null);
  const required = [{ required: true, message: t('calls.required') }];

  const save = async (v: ProgrammeValues) => {
    setError(null);
    try {
      if (programme) await update.mutateAsync({ id: programme.id, body: programmeBody(v) });
      else await createMutation.mutateAsync(programmeBody(v));
      form.resetFields();
      onClose();
    } catch (e) {
      const registered = form.getFieldsError().map((f) => f.name as (string | number)[]);
      setError(placeFailure(form, e, t, (path) => fieldForIssue(path, registered)));
    }
  };

  return (
    <Modal
      open={open}
      title={programme ? t('calls.admin.editProgramme') : t('calls.admin.newProgramme')}
      width={960}
      okText={programme ? t('calls.admin.saveProgramme') : t('calls.admin.createProgramme')}
      cancelText={t('calls.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'programme-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={programme ? programmeValues(programme) : initialProgrammeValues(new Date().getFullYear())} onFinish={(v) => void save(v)} data-testid="programme-form" scrollToFirstError>
        <div className="kc-form-grid">
          <Form.Item name="titleZh" label={t('calls.admin.titleZh')}>
            <Input data-testid="programme-form-title-zh" />
          </Form.Item>
          <Form.Item name="titleEn" label={t('calls.admin.titleEn')} rules={required}>
            <Input data-testid="programme-form-title-en" />
          </Form.Item>
          <Form.Item name="kind" label={t('calls.admin.kind')} rules={required}>
            <Select data-testid="programme-form-kind" options={PROGRAMME_KINDS.map((k) => ({ value: k, label: programmeKindLabel(t, k) }))} />
          </Form.Item>
          <Form.Item name="year" label={t('calls.admin.year')}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="programme-form-year" />
          </Form.Item>
        </div>
        <Form.Item name="description" label={t('calls.admin.description')}>
          <Input.TextArea rows={2} data-testid="programme-form-description" />
        </Form.Item>
        <Form.Item name="isSample" valuePropName="checked">
          <Checkbox data-testid="programme-form-sample">{t('calls.admin.isSample')}</Checkbox>
        </Form.Item>

        <div className="kc-calls-label">{t('calls.admin.sectionReview')}</div>
        <div className="kc-form-grid">
          <Form.Item name={['settings', 'minReviewers']} label={t('calls.admin.minReviewers')}>
            <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="programme-form-min-reviewers" />
          </Form.Item>
          <Form.Item name={['settings', 'minCompletedReviews']} label={t('calls.admin.minCompletedReviews')}>
            <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="programme-form-min-completed" />
          </Form.Item>
          <Form.Item name={['settings', 'coiYears']} label={t('calls.admin.coiYears')}>
            <InputNumber min={0} max={20} style={{ width: '100%' }} data-testid="programme-form-coi-years" />
          </Form.Item>
          <Form.Item name={['settings', 'consortiumYears']} label={t('calls.admin.consortiumYears')}>
            <InputNumber min={0} max={20} style={{ width: '100%' }} data-testid="programme-form-consortium-years" />
          </Form.Item>
          <Form.Item name={['settings', 'appealDays']} label={t('calls.admin.appealDays')}>
            <InputNumber min={1} max={90} style={{ width: '100%' }} data-testid="programme-form-appeal-days" />
          </Form.Item>
          <Form.Item name={['settings', 'requiredDeclarations']} label={t('calls.admin.requiredDeclarations')} extra={t('calls.declarationsHint')}>
            <Select mode="tags" open={false} tokenSeparators={[',']} data-testid="programme-form-declarations" />
          </Form.Item>
        </div>
        <Form.Item name={['settings', 'discloseReviewers']} valuePropName="checked">
          <Checkbox data-testid="programme-form-disclose">{t('calls.admin.discloseReviewers')}</Checkbox>
        </Form.Item>

        <div className="kc-calls-label">{t('calls.admin.sectionForm')}</div>
        <div className="kc-form-grid">
          <Form.Item name={['settings', 'form', 'aggregation']} label={t('calls.admin.aggregation')}>
            <Select
              data-testid="programme-form-aggregation"
              options={[
                { value: 'mean', label: t('calls.admin.aggregation.mean') },
                { value: 'median', label: t('calls.admin.aggregation.median') },
              ]}
            />
          </Form.Item>
          <Form.Item name={['settings', 'form', 'overallThreshold']} label={t('calls.admin.overallThreshold')}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="programme-form-overall-threshold" />
          </Form.Item>
        </div>
        <p className="kc-muted kc-small">{t('calls.admin.criteriaHint')}</p>
        <Form.List name={['settings', 'form', 'criteria']}>
          {(fields, { add, remove }) => (
            <div data-testid="programme-form-criteria">
              {fields.map((f, i) => (
                <div key={f.key} className="kc-calls-scoring-row" data-testid="programme-form-criterion">
                  <Form.Item name={[f.name, 'id']} label={i === 0 ? t('calls.admin.criterionId') : undefined} rules={required}>
                    <Input placeholder="novelty" data-testid="scoring-id" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'label']} label={i === 0 ? t('calls.admin.criterionLabel') : undefined} rules={required}>
                    <Input data-testid="scoring-label" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'kind']} label={i === 0 ? t('calls.admin.criterionKind') : undefined}>
                    <Select data-testid="scoring-kind" options={CRITERION_KINDS.map((k) => ({ value: k, label: t(`calls.admin.criterionKind.${k}`) }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} label={i === 0 ? t('calls.admin.criterionWeightLabel') : undefined} rules={required}>
                    <InputNumber min={0.01} max={100} style={{ width: '100%' }} data-testid="scoring-weight" />
                  </Form.Item>
                  {/* The kind decides which range fields apply. */}
                  <Form.Item noStyle shouldUpdate={(a, b) => JSON.stringify(a) !== JSON.stringify(b)}>
                    {() => {
                      const kind = form.getFieldValue(['settings', 'form', 'criteria', f.name, 'kind']) as string | undefined;
                      if (kind === 'numeric')
                        return (
                          <div className="kc-calls-scoring-range">
                            <Form.Item name={[f.name, 'min']} label={i === 0 ? t('calls.admin.criterionMin') : undefined} rules={required}>
                              <InputNumber style={{ width: '100%' }} data-testid="scoring-min" />
                            </Form.Item>
                            <Form.Item name={[f.name, 'max']} label={i === 0 ? t('calls.admin.criterionMax') : undefined} rules={required}>
                              <InputNumber style={{ width: '100%' }} data-testid="scoring-max" />
                            </Form.Item>
                          </div>
                        );
                      if (kind === 'rating')
                        return (
                          <Form.Item name={[f.name, 'scale']} label={i === 0 ? t('calls.admin.criterionScale') : undefined} rules={required}>
                            <InputNumber min={2} max={10} style={{ width: '100%' }} data-testid="scoring-scale" />
                          </Form.Item>
                        );
                      return <div />;
                    }}
                  </Form.Item>
                  <Form.Item name={[f.name, 'commentBelow']} label={i === 0 ? t('calls.admin.criterionCommentBelowLabel') : undefined}>
                    <InputNumber style={{ width: '100%' }} data-testid="scoring-comment-below" />
                  </Form.Item>
                  <Form.Item name={[f.name, 'threshold']} label={i === 0 ? t('calls.admin.criterionPassMarkLabel') : undefined}>
                    <InputNumber style={{ width: '100%' }} data-testid="scoring-threshold" />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('calls.remove')} onClick={() => remove(f.name)} disabled={fields.length === 1} />
                </div>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_CRITERION })} data-testid="programme-form-add-criterion">
                {t('calls.admin.addCriterion')}
              </Button>
            </div>
          )}
        </Form.List>
        {error && (
          <div className="kc-calls-error" role="alert" data-testid="programme-form-error" style={{ marginTop: 12 }}>
            {error}
          </div>
        )}
      </Form>
    </Modal>
  );
};
