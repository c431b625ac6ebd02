import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TArea } from '../../../../shared/schemas/centres.js';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { apiGet } from '../../../app/api.js';
import { useSession } from '../../../app/session.js';
import { pickName } from '../../../i18n/format.js';
import type { Locale } from '../../../i18n/keys.js';
import { useAreasQuery } from '../../centres/hooks/useAreasQuery.js';
import { rootAreaOf } from '../utils/subjects.js';
import { indicatorKeys, indicatorsApi } from './keys.js';

/** At most this many organisations are looked up by name on one page. */
const MAX_LOOKUPS = 60;

type Named = { id: string; nameZh: string | null; nameEn: string };
export type Subject = { id: string; name: string; kind: 'area' | 'organisation'; area?: TArea };
export type SubjectNames = {
  /** A subject's name in the UI language (its id while unknown). */
  name: (id: string) => string;
  subject: (id: string) => Subject;
  areas: TArea[];
  rootAreaId: string | null;
};

/** The names of organisations, from their registry profiles (one that cannot be read keeps its id). */
const fetchNames = async (centreId: string, ids: readonly string[], signal: AbortSignal): Promise<Named[]> => {
  const found = await Promise.all(
    ids.map((id) =>
      apiGet<TEntityProfile>(`${indicatorsApi(centreId)}/entities/${encodeURIComponent(id)}/profile`, undefined, signal).then(
        (p) => ({ id, nameZh: p.entity.nameZh, nameEn: p.entity.nameEn }),
        () => null,
      ),
    ),
  );
  return found.filter((n): n is Named => n !== null);
};

/**
 * Names for the subjects of figures and targets: areas from the (cached) area
 * list, organisations from their registry profiles (the figures carry only
 * their ids).
 */
export const useSubjectNames = (centreId: string, entityIds: readonly string[], locale: Locale): SubjectNames => {
  const areas = useAreasQuery(centreId);
  const { user, isLoading } = useSession();
  const ids = useMemo(() => [...new Set(entityIds)].sort().slice(0, MAX_LOOKUPS), [entityIds]);
  const organisations = useQuery({
    queryKey: [...indicatorKeys.all(centreId), 'subject-names', ids, user?.id ?? 'anonymous'],
    queryFn: ({ signal }) => fetchNames(centreId, ids, signal),
    enabled: ids.length > 0 && !isLoading,
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const areaList = areas.data?.items ?? [];
    const byId = new Map<string, Subject>();
    for (const a of areaList) byId.set(a.id, { id: a.id, name: pickName(a, locale), kind: 'area', area: a });
    for (const e of organisations.data ?? []) byId.set(e.id, { id: e.id, name: pickName(e, locale), kind: 'organisation' });
    const subject = (id: string): Subject => byId.get(id) ?? { id, name: id, kind: ids.includes(id) ? 'organisation' : 'area' };
    return { name: (id) => subject(id).name, subject, areas: areaList, rootAreaId: rootAreaOf(areaList)?.id ?? null };
  }, [areas.data, organisations.data, locale, ids]);
};
