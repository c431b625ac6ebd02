import { Form, Input, Select } from 'antd';
import { useCurrentCentre } from '../../../../app/centre.js';
import { pickTitle } from '../../../../i18n/format.js';
import { useI18n } from '../../../../i18n/I18nProvider.js';
import { useSourcesQuery } from '../../../sources/hooks/useSourcesQuery.js';

/**
 * Where a relation, recognition or figure comes from: one of the centre's
 * sources, or a note (at least one; the server says `source_required`).
 */
export const SourceFields = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const sources = useSourcesQuery(centre.id);
  return (
    <>
      <Form.Item name="sourceId" label={t('sourceFields.source')} extra={t('sourceFields.hint')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('sourceFields.sourcePlaceholder')}
          loading={sources.isLoading}
          options={(sources.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${pickTitle(s, locale) || t('source.untitled')}${s.publisher ? ` · ${s.publisher}` : ''}`,
          }))}
          data-testid="source-select"
        />
      </Form.Item>
      <Form.Item name="sourceNote" label={t('sourceFields.note')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('sourceFields.notePlaceholder')} data-testid="source-note" />
      </Form.Item>
    </>
  );
};

/** Both empty means no source; the API wants null for what is not given. */
export const sourceBody = (values: { sourceId?: string | null; sourceNote?: string | null }) => ({
  sourceId: values.sourceId ?? null,
  sourceNote: values.sourceNote?.trim() ? values.sourceNote.trim() : null,
});
