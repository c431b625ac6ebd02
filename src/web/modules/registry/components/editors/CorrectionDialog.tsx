import { Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import type { TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { placeFormError } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useProposeCorrectionMutation } from '../../hooks/useProposeCorrectionMutation.js';
import { correctionPatch, correctionValuesFrom, type CorrectionFormValues } from '../../utils/correction-diff.js';
import { PARTIAL_DATE } from '../../utils/entity-form.js';
import { EditorModal } from './EditorModal.js';

type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: TEntityProfile['entity']; onDone: (message: string) => void };

/** Issue paths are `patch.<field>` (or `reason`): the form's own field names. */
const fieldFor = (path: string): string | null => {
  const parts = path.split('.');
  return parts[0] === 'patch' ? (parts[1] ?? null) : (parts[0] ?? null);
};

/**
 * An organisation's member proposes corrections to its own profile: the form
 * starts from the profile as it is; only what they change is sent, with why.
 * A reviewer decides.
 */
export const CorrectionDialog = ({ open, onClose, afterClose, entity, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [form] = Form.useForm<CorrectionFormValues>();
  const mutation = useProposeCorrectionMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const initialValues = useMemo(() => correctionValuesFrom(entity), [entity]);

  const submit = (values: CorrectionFormValues) => {
    setFormError(null);
    const patch = correctionPatch(values, entity);
    if (Object.keys(patch).length === 0) {
      setFormError(t('correction.nothingChanged'));
      return;
    }
    mutation.mutate(
      { entityId: entity.id, body: { patch, reason: values.reason.trim() } },
      {
        onSuccess: () => {
          onDone(t('correction.submitted'));
          onClose();
        },
        onError: (err) => setFormError(placeFormError(form, err, t, undefined, fieldFor)),
      },
    );
  };

  const tags = <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />;

  return (
    <EditorModal
      open={open}
      title={t('correction.proposeTitle', { name: pickName(entity, locale) })}
      okText={t('correction.submit')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={mutation.isPending}
      error={formError}
      testId="correction-form"
      width={720}
    >
      <p className="kc-muted">{t('correction.proposeIntro')}</p>
      <Form<CorrectionFormValues> form={form} layout="vertical" requiredMark="optional" initialValues={initialValues} onFinish={submit} data-testid="correction-form">
        <div className="kc-form-grid">
          <Form.Item name="nameZh" label={t('correction.field.nameZh')} rules={[{ max: 200 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('correction.field.nameEn')} rules={[{ required: true, whitespace: true, message: t('entityForm.nameEnRequired') }, { max: 300 }]}>
            <Input autoComplete="off" lang="en" />
          </Form.Item>
          <Form.Item name="aliases" label={t('correction.field.aliases')} className="kc-span-2" extra={t('entityForm.tagsHint')}>
            {tags}
          </Form.Item>
          <Form.Item name="address" label={t('correction.field.address')} className="kc-span-2" rules={[{ max: 300 }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="foundedOn" label={t('correction.field.foundedOn')} rules={[{ pattern: PARTIAL_DATE, message: t('entityForm.datePattern') }]}>
            <Input placeholder={t('entityForm.datePlaceholder')} autoComplete="off" />
          </Form.Item>
          <Form.Item name="sectorCodes" label={t('correction.field.sectorCodes')} extra={t('entityForm.sectorHint')}>
            {tags}
          </Form.Item>
          <Form.Item name="industryTags" label={t('correction.field.industryTags')} className="kc-span-2" extra={t('entityForm.tagsHint')}>
            {tags}
          </Form.Item>
          <Form.Item name="descriptionEn" label={t('correction.field.descriptionEn')} className="kc-span-2" rules={[{ max: 4000 }]}>
            <Input.TextArea rows={3} lang="en" />
          </Form.Item>
          <Form.Item name="reason" label={t('correction.reason')} className="kc-span-2" rules={[{ required: true, whitespace: true, message: t('correction.reasonRequired') }, { max: 1000 }]}>
            <Input.TextArea rows={3} placeholder={t('correction.reasonPlaceholder')} data-testid="correction-form-reason" />
          </Form.Item>
        </div>
      </Form>
    </EditorModal>
  );
};
