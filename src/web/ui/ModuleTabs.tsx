import { Link } from 'react-router';
import type { Permission } from '../../shared/access.js';
import { useSession } from '../app/session.js';
import './tabs.css';

export type ModuleTab<K extends string> = { key: K; path: string; label: string; /** null: everyone; else any one of these. */ permissions: readonly Permission[] | null };

/**
 * A module's pages as a row of tabs: those the viewer may open, the active one
 * marked for the eye and for assistive technology. Nothing when only one is
 * left (a visitor needs no tabs for a single page).
 */
export const ModuleTabs = <K extends string>({ tabs, active, label, testIdPrefix }: { tabs: readonly ModuleTab<K>[]; active: K; label: string; testIdPrefix: string }) => {
  const { can } = useSession();
  const shown = tabs.filter((tab) => tab.permissions === null || tab.permissions.some(can));
  if (shown.length < 2) return null;
  return (
    <nav className="kc-tabs kc-no-print" aria-label={label}>
      {shown.map((tab) => (
        <Link key={tab.key} to={tab.path} className={tab.key === active ? 'kc-tab is-active' : 'kc-tab'} aria-current={tab.key === active ? 'page' : undefined} data-testid={`${testIdPrefix}-tab-${tab.key}`}>
          {tab.label}
        </Link>
      ))}
    </nav>
  );
};
