import { Input, Select, Space, Table, Typography, type TableProps } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ENTITY_CATEGORIES, type TEntity, type TEntityCategory } from '../../shared/schemas/entities.js';
import type { TSource } from '../../shared/schemas/sources.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { PageHeader } from '../ui/PageHeader.js';
import { categoryKey } from '../i18n/keys.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { EntityDetailDrawer } from '../modules/entities/components/EntityDetailDrawer.js';
import { useEntitiesQuery } from '../modules/entities/hooks/useEntitiesQuery.js';
import { useSourcesQuery } from '../modules/sources/hooks/useSourcesQuery.js';
import { CategoryTag } from '../ui/CategoryTag.js';
import { EntityName } from '../ui/EntityName.js';
import { SourceList } from '../ui/SourceCitation.js';

const PAGE_SIZE = 20;
const isCategory = (v: string | null): v is TEntityCategory => v !== null && (ENTITY_CATEGORIES as readonly string[]).includes(v);

/** The registry of innovation actors and records: read-only, filterable, each row with its sources. */
export const RegistryPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const [params, setParams] = useSearchParams();
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const q = params.get('q') ?? '';
  const areaId = params.get('area') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const entityId = params.get('entity');

  const entities = useEntitiesQuery(centre.id, { category, areaId, q: q || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const sources = useSourcesQuery(centre.id);
  const areas = useAreasQuery(centre.id);
  const sourcesById = useMemo(() => new Map((sources.data?.items ?? []).map((s) => [s.id, s])), [sources.data]);
  const areasById = useMemo(() => new Map((areas.data?.items ?? []).map((a) => [a.id, a])), [areas.data]);

  const update = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableProps<TEntity>['columns'] = [
    {
      key: 'name',
      title: t('registry.col.name'),
      render: (_, e) => (
        <button
          type="button"
          className="kc-link-button"
          aria-label={t('registry.openDetails', { name: pickName(e, locale) })}
          onClick={(event) => {
            event.stopPropagation();
            update({ entity: e.id }, false);
          }}
        >
          <EntityName record={e} withOther strong />
        </button>
      ),
    },
    { key: 'category', title: t('registry.col.category'), width: 160, render: (_, e) => <CategoryTag category={e.category} /> },
    {
      key: 'area',
      title: t('registry.col.area'),
      width: 160,
      responsive: ['md'],
      render: (_, e) => {
        const area = e.areaId ? areasById.get(e.areaId) : undefined;
        return area ? pickName(area, locale) : <Typography.Text type="secondary">{t('registry.noArea')}</Typography.Text>;
      },
    },
    {
      key: 'sources',
      title: t('registry.col.sources'),
      width: 300,
      responsive: ['lg'],
      render: (_, e) => (
        <SourceList sources={e.sourceIds.map((id) => sourcesById.get(id)).filter((s): s is TSource => s !== undefined)} />
      ),
    },
  ];

  const areaOptions = (areas.data?.items ?? [])
    .filter((a) => a.kind !== 'city')
    .map((a) => ({ value: a.id, label: pickName(a, locale) }));

  return (
    <div className="kc-page">
      <PageHeader title={t('registry.title')} intro={t('registry.intro')} />
      <Space wrap className="kc-filters" size={[12, 12]}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('registry.searchPlaceholder')}
          aria-label={t('registry.search')}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          style={{ width: 280 }}
          data-testid="registry-search"
        />
        <Select
          allowClear
          value={category}
          placeholder={t('registry.allCategories')}
          aria-label={t('registry.filterCategory')}
          onChange={(v?: TEntityCategory) => update({ category: v })}
          options={ENTITY_CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) }))}
          style={{ width: 200 }}
          data-testid="registry-category"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={areaId}
          placeholder={t('registry.allAreas')}
          aria-label={t('registry.filterArea')}
          onChange={(v?: string) => update({ area: v })}
          options={areaOptions}
          style={{ width: 200 }}
        />
      </Space>
      <Table<TEntity>
        rowKey="id"
        columns={columns}
        dataSource={entities.data?.items ?? []}
        loading={entities.isFetching}
        className="kc-table"
        size="middle"
        locale={{ emptyText: entities.error ? errorMessage(entities.error, t) : t('registry.empty') }}
        onRow={(record) => ({
          onClick: () => update({ entity: record.id }, false),
          style: { cursor: 'pointer' },
          'data-testid': 'registry-row',
        })}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: entities.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('registry.total', { count: total }),
          onChange: (p) => update({ page: p > 1 ? String(p) : undefined }, false),
        }}
      />
      <EntityDetailDrawer
        centreId={centre.id}
        entityId={entityId}
        areasById={areasById}
        onClose={() => update({ entity: undefined }, false)}
      />
    </div>
  );
};
