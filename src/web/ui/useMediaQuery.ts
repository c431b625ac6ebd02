import { useSyncExternalStore } from 'react';

/** Ant Design's breakpoints (min-width, px), so layouts agree with antd components. */
export const BREAKPOINTS = { sm: 576, md: 768, lg: 992, xl: 1200, xxl: 1600 } as const;
export type Breakpoint = keyof typeof BREAKPOINTS;

type Subscribe = (onChange: () => void) => () => void;
const subscribers = new Map<string, Subscribe>();

/** One stable subscribe function per query, so React does not resubscribe on every render. */
const subscribeTo = (query: string): Subscribe => {
  let subscribe = subscribers.get(query);
  if (!subscribe) {
    subscribe = (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    };
    subscribers.set(query, subscribe);
  }
  return subscribe;
};

/** True while the viewport is at least as wide as the breakpoint. */
export const useMinWidth = (breakpoint: Breakpoint): boolean => {
  const query = `(min-width: ${BREAKPOINTS[breakpoint]}px)`;
  return useSyncExternalStore(
    subscribeTo(query),
    () => window.matchMedia(query).matches,
    () => true,
  );
};
