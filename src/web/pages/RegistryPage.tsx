import { FilterOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Input, Segmented } from 'antd';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { ROUTES } from '../app/nav.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAreasQuery } from '../modules/centres/hooks/useAreasQuery.js';
import { KindTag } from '../modules/registry/components/KindTag.js';
import { SearchFacets, type FacetName } from '../modules/registry/components/SearchFacets.js';
import { useRegistrySearchQuery } from '../modules/registry/hooks/useRegistrySearchQuery.js';
import { entityPath } from '../modules/registry/utils/paths.js';
import { RegistryMapPanel } from '../modules/registry/components/RegistryMapPanel.js';
import { useVocabularyLabels } from '../modules/registry/hooks/useVocabularyQuery.js';
import { categoryLabel } from '../modules/registry/utils/vocab.js';
import { Chip } from '../ui/Chip.js';
import { EntityName } from '../ui/EntityName.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';
import { StatusMessage } from '../ui/StatusMessage.js';
import { useMinWidth } from '../ui/useMediaQuery.js';

// Only writers open the form: keep Form, Select and Modal out of the page for everyone else.
const EntityFormDialog = lazy(() => import('../modules/registry/components/EntityFormDialog.js').then((m) => ({ default: m.EntityFormDialog })));

const PAGE_SIZE = 20;
/** How long typing pauses before the search runs (and the address changes). */
const DEBOUNCE_MS = 300;

/** Facet name → its search parameter in the address. */
const FACET_PARAMS: Record<FacetName, string> = { category: 'category', kind: 'kind', area: 'areaId', recognition: 'recognition' };

/**
 * The registry: one search box (Chinese, English, pinyin, initials, partial
 * names), facets with counts, results that open each actor's profile. The
 * query and filters live in the address, so a search can be shared.
 */
export const RegistryPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const vocabulary = useVocabularyLabels();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const q = params.get('q') ?? '';
  const view = params.get('view') === 'map' ? 'map' : 'list';
  const filters = {
    category: params.get('category') ?? undefined,
    kind: params.get('kind') ?? undefined,
    areaId: params.get('areaId') ?? undefined,
    recognition: params.get('recognition') ?? undefined,
    sector: params.get('sector') ?? undefined,
  };
  const [text, setText] = useState(q);
  const [creating, setCreating] = useState(false);
  const [formLoaded, setFormLoaded] = useState(false);
  // Phones: facets fold away behind a button, so results come first.
  const isWide = useMinWidth('lg');
  const [facetsOpen, setFacetsOpen] = useState(false);

  const update = (changes: Record<string, string | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  };

  // Typing updates the address (and so the search) once it pauses. `pushed`
  // remembers what the box last wrote, to tell it from a change made elsewhere.
  const pushed = useRef(q);
  const commit = (value: string) => {
    const wanted = value.trim();
    pushed.current = wanted;
    update({ q: wanted || undefined });
  };
  useEffect(() => {
    if (text.trim() === pushed.current) return undefined;
    const timer = setTimeout(() => commit(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // The address changed from outside (back, a link): show its query in the box.
  useEffect(() => {
    if (q === pushed.current) return;
    pushed.current = q;
    setText(q);
  }, [q]);

  const search = useRegistrySearchQuery(centre.id, { q: q || undefined, ...filters, limit: PAGE_SIZE });
  const areas = useAreasQuery(centre.id);
  const areasById = useMemo(() => new Map((areas.data?.items ?? []).map((a) => [a.id, a])), [areas.data]);
  const areaName = (id: string) => {
    const area = areasById.get(id);
    return area ? pickName(area, locale) : id;
  };

  // Old addresses: ?entity=<id> opened a drawer, ?area= was the area filter.
  const legacyEntity = params.get('entity');
  const legacyArea = params.get('area');
  if (legacyEntity) return <Navigate to={entityPath(legacyEntity)} replace />;
  if (legacyArea && !filters.areaId) {
    const next = new URLSearchParams(params);
    next.delete('area');
    next.set('areaId', legacyArea);
    return <Navigate to={`/registry?${next.toString()}`} replace />;
  }

  const pages = search.data?.pages ?? [];
  const first = pages[0];
  const items = pages.flatMap((p) => p.items);
  const total = first?.total ?? 0;
  const labels: Record<FacetName, (value: string) => string> = {
    category: (v) => categoryLabel(v, t),
    kind: (v) => vocabulary.kind(v) ?? v,
    area: areaName,
    recognition: (v) => vocabulary.recognition(v),
  };
  const active = (Object.keys(FACET_PARAMS) as FacetName[]).filter((name) => filters[FACET_PARAMS[name] as keyof typeof filters]);
  const hasFilters = active.length > 0 || Boolean(filters.sector);

  return (
    <div className="kc-page">
      <PageHeader
        title={t('registry.title')}
        intro={t('registry.intro')}
        extra={
          can('registry:write') ? (
            <div className="kc-header-actions">
              <Button icon={<UploadOutlined />} data-testid="registry-import" onClick={() => navigate(ROUTES.registryImport)}>
                {t('registry.import')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                data-testid="registry-new"
                onClick={() => {
                  setFormLoaded(true);
                  setCreating(true);
                }}
              >
                {t('registry.new')}
              </Button>
            </div>
          ) : undefined
        }
      />
      <div className="kc-registry-search" role="search">
        <Input
          size="large"
          allowClear
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => commit(text)}
          prefix={<SearchOutlined aria-hidden />}
          placeholder={t('registry.searchPlaceholder')}
          aria-label={t('registry.search')}
          data-testid="registry-search"
          maxLength={200}
        />
        <p className="kc-registry-search-hint">{t('registry.searchHint')}</p>
      </div>
      <div className="kc-registry">
        <aside className="kc-registry-facets">
          {!isWide && (
            <Button
              icon={<FilterOutlined />}
              onClick={() => setFacetsOpen(!facetsOpen)}
              aria-expanded={facetsOpen}
              data-testid="registry-facets-toggle"
              className="kc-facets-toggle"
            >
              {active.length > 0 ? t('registry.filtersActive', { count: active.length }) : t('registry.filters')}
            </Button>
          )}
          {(isWide || facetsOpen) && (
            <SearchFacets
              facets={first?.facets}
              selected={{ category: filters.category, kind: filters.kind, area: filters.areaId, recognition: filters.recognition }}
              labels={labels}
              onSelect={(name, value) => update({ [FACET_PARAMS[name]]: value })}
            />
          )}
        </aside>
        <section className="kc-registry-results" aria-live="polite" aria-busy={search.isFetching}>
          <div className="kc-registry-summary">
            <span data-testid="registry-total" title={first?.truncated ? t('registry.truncatedHint') : undefined}>
              {first?.truncated ? t('registry.totalAtLeast', { count: formatNumber(total, locale) }) : t('registry.total', { count: formatNumber(total, locale) })}
            </span>
            {filters.sector && (
              <Chip tone="info">{t('registry.sectorFilter', { code: filters.sector })}</Chip>
            )}
            {hasFilters && (
              <Button
                type="link"
                size="small"
                onClick={() => update({ category: undefined, kind: undefined, areaId: undefined, recognition: undefined, sector: undefined })}
                data-testid="registry-clear-filters"
              >
                {t('registry.clearFilters')}
              </Button>
            )}
            <Segmented
              className="kc-registry-view"
              size="small"
              value={view}
              onChange={(v) => update({ view: v === 'map' ? 'map' : undefined })}
              options={[
                { value: 'list', label: t('registry.view.list') },
                { value: 'map', label: t('registry.view.map') },
              ]}
              data-testid="registry-view"
            />
          </div>
          {view === 'map' ? (
            <RegistryMapPanel
              centreId={centre.id}
              filter={{ category: filters.category, kind: filters.kind, recognition: filters.recognition }}
              hasQuery={Boolean(q) || Boolean(filters.sector)}
              onPickArea={(areaId) => update({ areaId, view: undefined })}
            />
          ) : (
          <QueryState isLoading={search.isLoading} error={search.error} onRetry={() => void search.refetch()} skeletonRows={8}>
            {items.length === 0 ? (
              <StatusMessage status="empty" title={t('registry.empty')} text={q ? t('registry.emptyHint') : undefined} />
            ) : (
              <ul className="kc-results">
                {items.map((hit) => (
                  <li key={hit.id}>
                    <Link to={entityPath(hit.id)} className="kc-result" data-testid="registry-row" aria-label={t('registry.openProfile', { name: pickName(hit, locale) })}>
                      <span className="kc-result-name">
                        <EntityName record={hit} withOther strong />
                      </span>
                      <span className="kc-result-meta">
                        <KindTag kind={hit.kind} category={hit.category} />
                        <span className="kc-muted">{hit.areaId ? areaName(hit.areaId) : t('registry.noArea')}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {search.hasNextPage && (
              <div className="kc-load-more">
                <Button onClick={() => void search.fetchNextPage()} loading={search.isFetchingNextPage} data-testid="registry-load-more">
                  {t('registry.loadMore', { shown: formatNumber(items.length, locale), total: formatNumber(total, locale) })}
                </Button>
              </div>
            )}
          </QueryState>
          )}
        </section>
      </div>
      {formLoaded && (
        <Suspense fallback={null}>
          <EntityFormDialog open={creating} onClose={() => setCreating(false)} />
        </Suspense>
      )}
    </div>
  );
};
