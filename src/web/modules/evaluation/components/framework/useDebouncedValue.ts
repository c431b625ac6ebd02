import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms` (a key typed letter by letter asks the server once). */
export const useDebouncedValue = <T,>(value: T, ms: number): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};
