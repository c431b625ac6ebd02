import { Form, Radio, Select } from 'antd';
import { useState } from 'react';
import { RELATION_TYPES, type TEntityProfile } from '../../../../../shared/schemas/registry.js';
import { useCurrentCentre } from '../../../../app/centre.js';
import { placeFormError } from '../../../../app/errors.js';
import { pickName } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { relationKey, type RelationDirection } from '../../../../i18n/keys.js';
import { useAreasQuery } from '../../../centres/hooks/useAreasQuery.js';
import { useCreateRelationMutation } from '../../hooks/useCreateRelationMutation.js';
import type { RelationType } from '../../utils/vocab.js';
import { orNull } from './dates-rule.js';
import { EntityPicker } from './EntityPicker.js';
import { PeriodFields } from './PeriodFields.js';
import { SourceFields, sourceBody } from './SourceFields.js';
import { EditorModal } from './EditorModal.js';

type Entity = TEntityProfile['entity'];

type Values = {
  relation: string;
  targetKind: 'entity' | 'area';
  target: string;
  validFrom: string;
  validTo: string;
  sourceId?: string | null;
  sourceNote?: string | null;
};

const parse = (relation: string): { type: RelationType; direction: RelationDirection } => {
  const [type, direction] = relation.split(':') as [RelationType, RelationDirection];
  return { type, direction };
};

type Props = { open: boolean; onClose: () => void; afterClose?: () => void; entity: Entity; onDone: (message: string) => void };

/**
 * Records a relation from this actor's side: "affiliated with X" (this → X) or
 * "has member X" (X → this), dated, with where it comes from.
 */
export const RelationDialog = ({ open, onClose, afterClose, entity, onDone }: Props) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const areas = useAreasQuery(centre.id);
  const [form] = Form.useForm<Values>();
  const mutation = useCreateRelationMutation(centre.id);
  const [formError, setFormError] = useState<string | null>(null);
  const relation = Form.useWatch('relation', form);
  const targetKind = Form.useWatch('targetKind', form);
  const { type, direction } = relation ? parse(relation) : { type: undefined, direction: undefined };
  // Only "located in" (from this side) may point at an area rather than a record.
  const areaAllowed = type === 'located_in' && direction === 'out';
  const toArea = areaAllowed && targetKind === 'area';

  const submit = (values: Values) => {
    setFormError(null);
    const { type: relType, direction: dir } = parse(values.relation);
    const outgoing = dir === 'out';
    mutation.mutate(
      {
        type: relType,
        fromId: outgoing ? entity.id : values.target,
        toId: outgoing ? values.target : entity.id,
        toKind: toArea ? 'area' : 'entity',
        validFrom: orNull(values.validFrom),
        validTo: orNull(values.validTo),
        ...sourceBody(values),
      },
      {
        onSuccess: () => {
          onDone(t('relationForm.added'));
          onClose();
        },
        onError: (err) =>
          setFormError(
            placeFormError(form, err, t, undefined, (path) => {
              const field = path.split('.')[0] ?? '';
              if (field === 'toId' || field === 'fromId' || field === 'toKind') return 'target';
              if (field === 'type') return 'relation';
              return field;
            }),
          ),
      },
    );
  };

  const options = RELATION_TYPES.flatMap((r) =>
    (['out', 'in'] as const)
      // "partner of" reads the same both ways: offer it once.
      .filter((d) => !(r === 'partner_of' && d === 'in'))
      .map((d) => ({ value: `${r}:${d}`, label: t(relationKey(r, d)) })),
  );

  return (
    <EditorModal
      open={open}
      title={t('relationForm.title', { name: pickName(entity, locale) })}
      okText={t('relationForm.submit')}
      onOk={() => form.submit()}
      onClose={onClose}
      afterClose={afterClose}
      pending={mutation.isPending}
      error={formError}
      testId="relation-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{ targetKind: 'entity', validFrom: '', validTo: '', sourceNote: '' }}
        onFinish={submit}
        data-testid="relation-form"
      >
        <Form.Item name="relation" label={t('relationForm.type')} extra={t('relationForm.typeHint', { name: pickName(entity, locale) })} rules={[{ required: true, message: t('relationForm.typeRequired') }]}>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('relationForm.typePlaceholder')} data-testid="relation-form-type" />
        </Form.Item>
        {areaAllowed && (
          <Form.Item name="targetKind">
            <Radio.Group
              options={[
                { value: 'entity', label: t('relationForm.targetEntity') },
                { value: 'area', label: t('relationForm.targetArea') },
              ]}
              onChange={() => form.setFieldValue('target', undefined)}
            />
          </Form.Item>
        )}
        <Form.Item name="target" label={t('relationForm.target')} rules={[{ required: true, message: t('relationForm.targetRequired') }]}>
          {toArea ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(areas.data?.items ?? []).map((a) => ({ value: a.id, label: pickName(a, locale) }))}
              data-testid="relation-form-area"
            />
          ) : (
            <EntityPicker excludeIds={[entity.id]} data-testid="relation-form-target" />
          )}
        </Form.Item>
        <PeriodFields />
        <SourceFields />
      </Form>
    </EditorModal>
  );
};
