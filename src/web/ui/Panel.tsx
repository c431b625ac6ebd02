import type { ReactNode } from 'react';

type Props = {
  title?: ReactNode;
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
  'data-testid'?: string;
};

/**
 * A titled box for the dashboard. antd's Card would do, but it brings Tabs
 * along; this keeps the home page's first load small.
 */
export const Panel = ({ title, extra, className, children, 'data-testid': testId }: Props) => (
  <section className={className ? `kc-panel ${className}` : 'kc-panel'} data-testid={testId}>
    {(title || extra) && (
      <header className="kc-panel-head">
        {title && <h3 className="kc-panel-title">{title}</h3>}
        {extra && <div className="kc-panel-extra">{extra}</div>}
      </header>
    )}
    <div className="kc-panel-body">{children}</div>
  </section>
);
