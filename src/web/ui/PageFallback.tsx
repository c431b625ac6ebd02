import { Loading } from './Loading.js';

/** Shown while a page's code is loading. */
export const PageFallback = () => (
  <div style={{ padding: 8 }}>
    <Loading rows={7} />
  </div>
);
