import type { ReactNode } from 'react';

/** A page's title (the page's <h1>), a line of introduction and an optional action. */
export const PageHeader = ({ title, intro, extra }: { title: ReactNode; intro?: ReactNode; extra?: ReactNode }) => (
  <header className={extra ? 'kc-page-header kc-page-header-row' : 'kc-page-header'}>
    <div>
      <h1 className="kc-page-title">{title}</h1>
      {intro && <p className="kc-page-intro">{intro}</p>}
    </div>
    {extra}
  </header>
);
