import { Form, Select } from 'antd';
import { useState } from 'react';
import type { TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useVocabularyLabels } from '../../hooks/useVocabularyQuery.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { placeFormError } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useAddRecognitionMutation } from '../../hooks/useAddRecognitionMutation.js';
import { orNull } from './dates-rule.js';
import { PeriodFields } from './PeriodFields.js';
import { SourceFields, sourceBody } from './SourceFields.js';
import { EditorModal } from './EditorModal.js';

type Values = { type: string; validFrom: string; validTo: string; sourceId?: string | null; sourceNote?: string | null };
type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: TEntityProfile['entity']; onDone: (message: string) => void };

/** Adds a recognition (a rung of the cultivation ladder, a title) with its validity and source. */
export const RecognitionDialog = ({ open, onClose, afterClose, entity, onDone }: Props) => {
  const { t, locale } = useI18n();
  const labels = useVocabularyLabels();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<Values>();
  const mutation = useAddRecognitionMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setFormError(null);
    mutation.mutate(
      { entityId: entity.id, body: { type: values.type, validFrom: orNull(values.validFrom), validTo: orNull(values.validTo), ...sourceBody(values) } },
      {
        onSuccess: () => {
          onDone(t('recognitionForm.added'));
          onClose();
        },
        onError: (err) => setFormError(placeFormError(form, err, t)),
      },
    );
  };

  return (
    <EditorModal
      open={open}
      title={t('recognitionForm.title', { name: pickName(entity, locale) })}
      okText={t('recognitionForm.submit')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={mutation.isPending}
      error={formError}
      testId="recognition-form"
    >
      <Form<Values> form={form} layout="vertical" requiredMark="optional" initialValues={{ validFrom: '', validTo: '', sourceNote: '' }} onFinish={submit}>
        <Form.Item name="type" label={t('recognitionForm.type')} rules={[{ required: true, message: t('recognitionForm.typeRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={labels.recognitions.map((r) => ({ value: r.code, label: r.label }))}
            data-testid="recognition-form-type"
          />
        </Form.Item>
        <PeriodFields />
        <SourceFields />
      </Form>
    </EditorModal>
  );
};
