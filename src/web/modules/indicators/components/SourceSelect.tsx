import { Select, type SelectProps } from 'antd';
import { useCurrentCentre } from '../../../app/centre.js';
import { pickTitle } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { useSourcesQuery } from '../../sources/hooks/useSourcesQuery.js';

/**
 * One of the centre's source documents, searchable by title, labelled with its
 * publisher. Inside a Form.Item, which passes value and onChange through.
 */
export const SourceSelect = ({ testId, ...props }: Omit<SelectProps<string>, 'options' | 'loading' | 'showSearch'> & { testId: string }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const sources = useSourcesQuery(centre.id);
  return (
    <Select<string>
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={sources.isLoading}
      options={(sources.data?.items ?? []).map((s) => ({ value: s.id, label: `${pickTitle(s, locale) || t('source.untitled')}${s.publisher ? ` · ${s.publisher}` : ''}` }))}
      data-testid={testId}
    />
  );
};
