import { Tooltip } from 'antd';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/I18nProvider.js';
import { COMING_SOON, isNavEntryActive, NAV_GROUPS } from './nav.js';
import { useSession } from './session.js';

/**
 * The module list in its groups: real links (they open in a new tab, keep
 * history), each module only for those who may use it, and the modules to
 * come greyed out with a tooltip.
 */
export const SideNav = ({ onNavigate }: { onNavigate?: () => void }) => {
  const { t } = useI18n();
  const { can } = useSession();
  const { pathname } = useLocation();
  return (
    <nav aria-label={t('nav.label')} className="kc-nav">
      {NAV_GROUPS.map((group, index) => {
        const entries = group.entries.filter((e) => !e.permission || can(e.permission));
        if (entries.length === 0) return null;
        const headingId = `kc-nav-group-${index}`;
        return (
          <div key={group.label ?? 'first'}>
            {group.label && (
              <div className="kc-nav-group" id={headingId}>
                {t(group.label)}
              </div>
            )}
            <ul aria-labelledby={group.label ? headingId : undefined}>
              {entries.map((e) => {
                const active = isNavEntryActive(e, pathname);
                return (
                  <li key={e.key}>
                    <Link
                      to={e.path}
                      className={active ? 'kc-nav-item is-active' : 'kc-nav-item'}
                      aria-current={active ? 'page' : undefined}
                      data-testid={`nav-${e.key}`}
                      onClick={onNavigate}
                    >
                      <span className="kc-nav-icon" aria-hidden>
                        {e.icon}
                      </span>
                      <span className="kc-nav-label">{t(e.label)}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {/* The roadmap group, while some module is still to come. */}
      {COMING_SOON.length > 0 && (
        <>
          <div className="kc-nav-group" id="kc-nav-soon">
            {t('nav.comingSoonGroup')}
          </div>
          <ul aria-labelledby="kc-nav-soon">
            {COMING_SOON.map((e) => (
              <li key={e.key}>
                <Tooltip title={t('nav.comingSoonHint')} placement="right">
                  <span className="kc-nav-item is-disabled" aria-disabled="true" tabIndex={0} data-testid={`nav-${e.key}`}>
                    <span className="kc-nav-icon" aria-hidden>
                      {e.icon}
                    </span>
                    <span className="kc-nav-label">{t(e.label)}</span>
                  </span>
                </Tooltip>
              </li>
            ))}
          </ul>
        </>
      )}
    </nav>
  );
};
