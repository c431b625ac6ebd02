import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { dayIn } from '../../core/calendar.js';
import type { TCentre } from '../../shared/schemas/centres.js';
import { useCentresQuery } from '../modules/centres/hooks/useCentresQuery.js';

const STORAGE_KEY = 'kechuang.centre';

type CentreContextValue = {
  centres: TCentre[];
  /** The centre being shown; null while loading or when none is configured. */
  centre: TCentre | null;
  setCentreId: (id: string) => void;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
};

const CentreContext = createContext<CentreContextValue | null>(null);

const readStored = (): string | null => {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
};

/** Which centre the visitor is looking at: the one they chose last, else the first the server lists. */
export const CentreProvider = ({ children }: { children: ReactNode }) => {
  const query = useCentresQuery();
  const [chosen, setChosen] = useState<string | null>(readStored);
  const centres = useMemo(() => query.data?.items ?? [], [query.data]);
  const centre = centres.find((c) => c.id === chosen) ?? centres[0] ?? null;

  const setCentreId = useCallback((id: string) => {
    setChosen(id);
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      /* remembered for this page only */
    }
  }, []);

  const { refetch } = query;
  const value = useMemo<CentreContextValue>(
    () => ({ centres, centre, setCentreId, isLoading: query.isLoading, error: query.error, refetch: () => void refetch() }),
    [centres, centre, setCentreId, query.isLoading, query.error, refetch],
  );
  return <CentreContext.Provider value={value}>{children}</CentreContext.Provider>;
};

export const useCentreContext = (): CentreContextValue => {
  const ctx = useContext(CentreContext);
  if (!ctx) throw new Error('useCentreContext must be used inside <CentreProvider>');
  return ctx;
};

/** The current centre, for pages rendered below <RequireCentre> (never null there). */
export const useCurrentCentre = (): TCentre => {
  const { centre } = useCentreContext();
  if (!centre) throw new Error('useCurrentCentre used before a centre was loaded');
  return centre;
};

/** Today (YYYY-MM-DD) in the current centre's time zone: the day the server judges dates by. */
export const useCentreToday = (): string => dayIn(new Date(), useCurrentCentre().timezone);
