import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { errorMessage } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useDuplicatesQuery } from '../../hooks/useDuplicatesQuery.js';
import { useMergeEntityMutation, type MergeResult } from '../../hooks/useMergeEntityMutation.js';
import { repointedLines } from '../../utils/labels.js';
import { kindLabel } from '../../utils/vocab.js';
import { EntityPicker, type PickedEntity } from './EntityPicker.js';

type Entity = TEntityProfile['entity'];

type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: Entity; onDone: (message: string) => void };

/**
 * Merge a duplicate into this record: pick it (likely duplicates are offered,
 * any record can be found by name), confirm, and see what moved.
 */
export const MergeDialog = ({ open, onClose, afterClose, entity, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const merge = useMergeEntityMutation(centre.id);
  const [duplicate, setDuplicate] = useState<PickedEntity | undefined>(undefined);
  const [note, setNote] = useState('');
  const [step, setStep] = useState<'pick' | 'confirm' | 'done'>('pick');
  const [result, setResult] = useState<MergeResult | null>(null);
  const suggestions = useDuplicatesQuery(
    centre.id,
    open ? { nameZh: entity.nameZh, nameEn: entity.nameEn, uscc: entity.uscc, ror: entity.ror, orcid: entity.orcid, excludeId: entity.id } : null,
  );
  const suggested: PickedEntity[] = (suggestions.data?.duplicates ?? []).map((d) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn, kind: d.kind, category: '' }));
  const here = pickName(entity, locale);
  const there = duplicate ? pickName(duplicate, locale) : '';

  const confirm = () =>
    merge.mutate(
      { survivorId: entity.id, duplicateId: duplicate!.id, note: note.trim() || null },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep('done');
          onDone(t('merge.done', { duplicate: there, survivor: here }));
        },
      },
    );

  const footer =
    step === 'pick'
      ? [
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>,
          <Button key="next" type="primary" disabled={!duplicate} onClick={() => setStep('confirm')} data-testid="merge-next">
            {t('merge.next')}
          </Button>,
        ]
      : step === 'confirm'
        ? [
            <Button key="back" onClick={() => setStep('pick')} disabled={merge.isPending}>
              {t('merge.back')}
            </Button>,
            <Button key="confirm" type="primary" danger loading={merge.isPending} onClick={confirm} data-testid="merge-confirm">
              {t('merge.confirm')}
            </Button>,
          ]
        : [
            <Button key="close" type="primary" onClick={onClose}>
              {t('merge.close')}
            </Button>,
          ];

  return (
    <Modal open={open} title={t('merge.title', { name: here })} onCancel={onClose} afterClose={afterClose} footer={footer} width={620} destroyOnHidden maskClosable={false}>
      <div data-testid="merge-dialog">
        {step === 'pick' && (
          <Form layout="vertical">
            <p className="kc-muted">{t('merge.intro', { name: here })}</p>
            {suggested.length > 0 && (
              <Form.Item label={t('merge.suggestions')}>
                <ul className="kc-plain-list kc-suggestions">
                  {suggested.map((s) => (
                    <li key={s.id}>
                      <button
                        type="button"
                        className={duplicate?.id === s.id ? 'kc-facet-option is-active' : 'kc-facet-option'}
                        onClick={() => setDuplicate(s)}
                        aria-pressed={duplicate?.id === s.id}
                        data-testid="merge-suggestion"
                      >
                        <span className="kc-facet-label">{pickName(s, locale)}</span>
                        <span className="kc-facet-count">{kindLabel(s.kind, t)}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </Form.Item>
            )}
            <Form.Item label={t('merge.pick')} required>
              <EntityPicker
                value={duplicate?.id}
                onChange={(_, picked) => setDuplicate(picked)}
                excludeIds={[entity.id]}
                data-testid="merge-picker"
              />
            </Form.Item>
            <Form.Item label={t('merge.note')}>
              <Input.TextArea rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('merge.notePlaceholder')} />
            </Form.Item>
          </Form>
        )}
        {step === 'confirm' && duplicate && (
          <>
            {merge.error ? <Alert type="error" showIcon className="kc-alert" title={errorMessage(merge.error, t)} /> : null}
            <Alert type="warning" showIcon title={t('merge.confirmTitle', { duplicate: there, survivor: here })} description={t('merge.confirmText', { duplicate: there, survivor: here })} />
          </>
        )}
        {step === 'done' && result && (
          <div data-testid="merge-result">
            <Alert type="success" showIcon className="kc-alert" title={t('merge.done', { duplicate: there, survivor: here })} />
            {repointedLines(result.repointed, t).length > 0 ? (
              <>
                <p>{t('merge.movedIntro')}</p>
                <ul className="kc-moved-list">
                  {repointedLines(result.repointed, t).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="kc-muted">{t('merge.nothingMoved')}</p>
            )}
          </div>
        )}
      </div>
    </Modal>
  );
};
