import { Alert, Button, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TDuplicateCandidate, TEntityProfile } from '../../../../shared/schemas/registry.js';
import { isApiError } from '../../../app/api.js';
import { useCurrentCentre } from '../../../app/centre.js';
import { placeFormError } from '../../../app/errors.js';
import { pickName } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { categoryKey } from '../../../i18n/keys.js';
import { useAreasQuery } from '../../centres/hooks/useAreasQuery.js';
import { useCreateEntityMutation } from '../hooks/useCreateEntityMutation.js';
import { useUpdateEntityMutation } from '../hooks/useUpdateEntityMutation.js';
import {
  EMPTY_ENTITY_VALUES,
  entityFieldFor,
  PARTIAL_DATE,
  SECTOR_CODE,
  toEntityInput,
  toEntityPatch,
  valuesFromEntity,
  type EntityFormValues,
} from '../utils/entity-form.js';
import { entityPath } from '../utils/paths.js';
import { useVocabularyLabels } from '../hooks/useVocabularyQuery.js';
import { ENTITY_KINDS } from '../../../../shared/schemas/registry.js';
import { DuplicatesDialog } from './DuplicatesDialog.js';

type Entity = TEntityProfile['entity'];

type Props = {
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
  /** The record to edit; without it the form creates a new actor. */
  entity?: Entity;
  /** Fetch the record again (after someone else changed it); resolves to the fresh record. */
  onReload?: () => Promise<Entity | undefined>;
  /** Called with a message to show once the change is saved. */
  onSaved?: (message: string) => void;
};

const testId = (id: string) => ({ 'data-testid': id }) as Record<`data-${string}`, string>;

/** The duplicates a 409 names (an identifier another record already has). */
const conflictingRecords = (error: unknown): TDuplicateCandidate[] => {
  if (!isApiError(error) || error.code !== 'CONFLICT') return [];
  const list = error.details?.['duplicates'];
  return Array.isArray(list) ? (list as TDuplicateCandidate[]) : [];
};

const isStale = (error: unknown): boolean => isApiError(error) && error.fieldIssues.some((i) => i.reason === 'stale_version');

/**
 * Creates or edits an actor. Problems the server finds (an identifier's check
 * character, a used identifier) are shown beside their fields; likely
 * duplicates are listed before anything is written; an edit that raced with
 * someone else's asks the user to reload.
 */
export const EntityFormDialog = ({ open, onClose, afterClose, entity, onReload, onSaved }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const labels = useVocabularyLabels();
  const navigate = useNavigate();
  const areas = useAreasQuery(centre.id);
  const [form] = Form.useForm<EntityFormValues>();
  const create = useCreateEntityMutation(centre.id);
  const update = useUpdateEntityMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<TDuplicateCandidate[]>([]);
  const [stale, setStale] = useState(false);
  const [duplicates, setDuplicates] = useState<TDuplicateCandidate[] | null>(null);
  const initialValues = useMemo(() => (entity ? valuesFromEntity(entity) : EMPTY_ENTITY_VALUES), [entity]);
  const kind = Form.useWatch('kind', form);
  const orcid = Form.useWatch('orcid', form);
  const isPerson = kind ? ENTITY_KINDS[kind] === 'person' : entity?.category === 'person';
  const pending = create.isPending || update.isPending;

  const fail = (err: unknown) => {
    if (isStale(err)) {
      setStale(true);
      // The notice is at the top of a long form: show it.
      requestAnimationFrame(() => document.querySelector('[data-testid="entity-stale"]')?.scrollIntoView({ block: 'nearest' }));
      return;
    }
    setConflicts(conflictingRecords(err));
    setFormError(placeFormError(form, err, t, undefined, entityFieldFor));
    // The form is long: bring the first field the server flagged into view.
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center' });
  };

  /** Under an identifier: its hint, or the record that already has it (after a 409). */
  const identifierExtra = (field: 'uscc' | 'ror' | 'orcid', hint: string) => {
    const used = conflicts.find((c) => c.matchedOn === field);
    if (!used) return hint;
    const [before, after] = t('entityForm.identifierUsedBy', { name: '\u0000' }).split('\u0000');
    return (
      <span data-testid={`entity-form-${field}-used-by`}>
        {before}
        <Link to={entityPath(used.id)} onClick={onClose}>
          {pickName(used, locale)}
        </Link>
        {after}
      </span>
    );
  };

  const submit = (values: EntityFormValues, confirmNotDuplicate = false) => {
    setFormError(null);
    setConflicts([]);
    if (entity) {
      const patch = toEntityPatch(values, entity);
      if (!patch) {
        onSaved?.(t('entityForm.unchanged'));
        onClose();
        return;
      }
      update.mutate(
        { id: entity.id, patch },
        {
          onSuccess: () => {
            onSaved?.(t('entityForm.saved'));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    create.mutate(toEntityInput(values, confirmNotDuplicate), {
      onSuccess: (result) => {
        if ('duplicates' in result) {
          setDuplicates(result.duplicates);
          return;
        }
        setDuplicates(null);
        onClose();
        const name = pickName({ nameZh: values.nameZh.trim() || null, nameEn: values.nameEn.trim() }, locale);
        navigate(entityPath(result.id), { state: { notice: t('entityForm.created', { name }) } });
      },
      onError: fail,
    });
  };

  // The user's edits are lost on purpose: they were made to a version that no longer exists.
  const reload = async () => {
    const fresh = await onReload?.();
    setStale(false);
    setFormError(null);
    if (fresh) form.setFieldsValue(valuesFromEntity(fresh));
  };

  const areaOptions = (areas.data?.items ?? []).map((a) => ({ value: a.id, label: pickName(a, locale) }));
  const kindOptions = labels.kindGroups.map((g) => ({
    label: t(categoryKey(g.category)),
    title: t(categoryKey(g.category)),
    options: g.kinds.map((k) => ({ value: k.code, label: k.label })),
  }));

  return (
    <>
      <Modal
        open={open}
        title={entity ? t('entityForm.editTitle', { name: pickName(entity, locale) }) : t('entityForm.newTitle')}
        width={760}
        okText={entity ? t('entityForm.save') : t('entityForm.create')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={onClose}
        afterClose={afterClose}
        confirmLoading={pending}
        okButtonProps={{ ...testId('entity-form-submit'), disabled: stale }}
        cancelButtonProps={testId('entity-form-cancel')}
        destroyOnHidden
        maskClosable={false}
      >
        {stale && (
          <Alert
            type="warning"
            showIcon
            className="kc-alert"
            data-testid="entity-stale"
            title={t('entityForm.staleTitle')}
            description={t('entityForm.staleText')}
            action={
              <Button size="small" onClick={() => void reload()} data-testid="entity-stale-reload">
                {t('entityForm.reload')}
              </Button>
            }
          />
        )}
        {formError && <Alert type="error" showIcon className="kc-alert" title={formError} data-testid="entity-form-error" />}
        <Form<EntityFormValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={initialValues}
          onFinish={(values) => submit(values)}
          data-testid="entity-form"
          className="kc-entity-form"
        >
          <div className="kc-form-grid">
            <Form.Item name="kind" label={t('entityForm.kind')} rules={[{ required: true, message: t('entityForm.kindRequired') }]} className="kc-span-2">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('entityForm.kindPlaceholder')}
                options={kindOptions}
                data-testid="entity-form-kind"
              />
            </Form.Item>
            <Form.Item name="nameZh" label={t('profile.nameZh')} rules={[{ max: 200 }]}>
              <Input autoComplete="off" data-testid="entity-form-name-zh" />
            </Form.Item>
            <Form.Item
              name="nameEn"
              label={t('profile.nameEn')}
              extra={t('entityForm.nameEnHint')}
              rules={[
                { required: true, whitespace: true, message: t('entityForm.nameEnRequired') },
                { max: 300 },
              ]}
            >
              <Input autoComplete="off" lang="en" data-testid="entity-form-name-en" />
            </Form.Item>
            <Form.Item name="aliases" label={t('profile.aliases')} extra={t('entityForm.tagsHint')} className="kc-span-2">
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} data-testid="entity-form-aliases" />
            </Form.Item>
            <Form.Item name="areaId" label={t('profile.area')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={areaOptions} placeholder={t('registry.noArea')} data-testid="entity-form-area" />
            </Form.Item>
            <Form.Item name="foundedOn" label={t('profile.founded')} rules={[{ pattern: PARTIAL_DATE, message: t('entityForm.datePattern') }]}>
              <Input placeholder={t('entityForm.datePlaceholder')} autoComplete="off" data-testid="entity-form-founded" />
            </Form.Item>
          </div>

          <h3 className="kc-form-section">{t('entityForm.identifiers')}</h3>
          <div className="kc-form-grid">
            <Form.Item name="uscc" label={t('profile.uscc')} extra={identifierExtra('uscc', t('entityForm.usccHint'))}>
              <Input autoComplete="off" className="kc-mono" maxLength={40} data-testid="entity-form-uscc" />
            </Form.Item>
            <Form.Item name="ror" label={t('profile.ror')} extra={identifierExtra('ror', t('entityForm.rorHint'))}>
              <Input autoComplete="off" className="kc-mono" maxLength={60} data-testid="entity-form-ror" />
            </Form.Item>
            {(isPerson || orcid) && (
              <Form.Item name="orcid" label={t('profile.orcid')} extra={identifierExtra('orcid', t('entityForm.orcidHint'))}>
                <Input autoComplete="off" className="kc-mono" maxLength={60} data-testid="entity-form-orcid" />
              </Form.Item>
            )}
          </div>

          <h3 className="kc-form-section">{t('entityForm.more')}</h3>
          <div className="kc-form-grid">
            <Form.Item
              name="sectorCodes"
              label={t('profile.sectors')}
              extra={t('entityForm.sectorHint')}
              rules={[
                {
                  validator: (_, codes: string[] | undefined) =>
                    (codes ?? []).every((c) => SECTOR_CODE.test(c.trim().toUpperCase()))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('entityForm.sectorPattern'))),
                },
              ]}
            >
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ', '、']} data-testid="entity-form-sectors" />
            </Form.Item>
            <Form.Item name="industryTags" label={t('profile.tags')} extra={t('entityForm.tagsHint')}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} data-testid="entity-form-tags" />
            </Form.Item>
            <Form.Item name="address" label={t('profile.address')} className="kc-span-2" rules={[{ max: 300 }]}>
              <Input autoComplete="off" data-testid="entity-form-address" />
            </Form.Item>
            <Form.Item name="lon" label={t('entityForm.lon')} extra={t('entityForm.coordinatesHint')}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} data-testid="entity-form-lon" />
            </Form.Item>
            <Form.Item name="lat" label={t('entityForm.lat')}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} data-testid="entity-form-lat" />
            </Form.Item>
            <Form.Item name="descriptionEn" label={t('entityForm.descriptionEn')} className="kc-span-2" rules={[{ max: 4000 }]}>
              <Input.TextArea rows={3} lang="en" data-testid="entity-form-description" />
            </Form.Item>
            <Form.Item name="isSample" valuePropName="checked" className="kc-span-2">
              <Checkbox data-testid="entity-form-sample">{t('entityForm.isSample')}</Checkbox>
            </Form.Item>
          </div>
        </Form>
      </Modal>
      <DuplicatesDialog
        open={duplicates !== null}
        candidates={duplicates ?? []}
        creating={create.isPending}
        onBack={() => setDuplicates(null)}
        onOpen={() => {
          setDuplicates(null);
          onClose();
        }}
        onCreateAnyway={() => submit(form.getFieldsValue(true), true)}
      />
    </>
  );
};
