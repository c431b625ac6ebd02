import { Alert, Modal } from 'antd';
import { useState } from 'react';
import type { TFrameworkElement, TFrameworkVersion } from '../../../../shared/schemas/evaluation.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { formatNumber } from '../../../i18n/format.js';
import { useSaveFrameworkMutation } from '../hooks/useSaveFrameworkMutation.js';
import { applyWeights, changedWeights, isValidKey } from '../utils/framework.js';
import { placeSaveError } from './framework/save-errors.js';
import { SaveFields, type SaveErrors, type SaveValues } from './framework/SaveFields.js';

type Props = {
  open: boolean;
  centreId: string;
  /** The framework the lab runs (the dataset's iMeta or a saved version). */
  elements: readonly TFrameworkElement[];
  weights: ReadonlyMap<string, number>;
  defaults: { key: string; name: string };
  /** The next version under the default key, when known. */
  nextVersion: (key: string) => number | null;
  onClose: () => void;
  onSaved: (version: TFrameworkVersion) => void;
  /** Where the weights come from, when not the sliders: the dialog's title and the version's note ("changes" lists them). */
  source?: { title: string; note: (changes: string) => string };
};

/** "Save these weights as a new framework version": the lab's framework with the sliders' weights, saved under a key. */
export const SaveWeightsDialog = ({ open, centreId, elements, weights, defaults, nextVersion, onClose, onSaved, source }: Props) => {
  const { t } = useI18n();
  const save = useSaveFrameworkMutation(centreId);
  const next = applyWeights(elements, weights);
  const changed = changedWeights(elements, next);
  const change = (code: string) => {
    const element = elements.find((e) => e.code === code);
    return {
      code,
      name: element?.name || code,
      from: formatNumber(element?.weight ?? 0, t.locale, 2),
      to: formatNumber(next.find((e) => e.code === code)?.weight ?? 0, t.locale, 2),
    };
  };
  const describe = (code: string) => {
    const c = change(code);
    return `${c.code} ${c.from} → ${c.to}`;
  };
  const [values, setValues] = useState<SaveValues>(() => ({ key: defaults.key, name: defaults.name, note: (source?.note ?? ((changes: string) => t('evaluation.weights.saveNote', { changes })))(changed.map(describe).join('; ')) }));
  const [errors, setErrors] = useState<SaveErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  const submit = async () => {
    const fields: SaveErrors = {};
    if (!isValidKey(values.key)) fields.key = t('evaluation.framework.save.keyInvalid');
    if (!values.name.trim()) fields.name = t('fieldReason.required');
    setErrors(fields);
    setMessage(null);
    if (Object.keys(fields).length) return;
    try {
      const saved = await save.mutateAsync({ key: values.key, body: { name: values.name.trim(), note: values.note.trim() || null, elements: next } });
      onSaved(saved);
    } catch (error) {
      const placed = placeSaveError(error, [], t);
      setErrors(placed.fields);
      setMessage(placed.issues.length ? `${placed.message} ${placed.issues.map((i) => i.detail).join(' ')}` : placed.message);
    }
  };

  return (
    <Modal
      open={open}
      title={source?.title ?? t('evaluation.weights.saveTitle')}
      okText={t('evaluation.weights.saveOk')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'evaluation-weights-save-submit' }}
      destroyOnHidden
    >
      <div data-testid="evaluation-weights-save-dialog">
        <p>{t('evaluation.weights.saveIntro', { count: changed.length })}</p>
        <ul className="kc-eval-changes" data-testid="evaluation-weights-changes">
          {changed.map((code) => (
            <li key={code}>{t('evaluation.weights.change', change(code))}</li>
          ))}
        </ul>
        <SaveFields values={values} errors={errors} onChange={setValues} nextVersion={isValidKey(values.key) ? nextVersion(values.key) : null} />
        {message && <Alert type="error" showIcon message={message} data-testid="evaluation-weights-save-error" />}
      </div>
    </Modal>
  );
};
