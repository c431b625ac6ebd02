import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';

/**
 * 匹配政策 / Matched policies: a slot on the enterprise's service view that
 * the policy engine fills (issue 6, policy matching). It renders nothing
 * until it is given something to show, and it fetches nothing itself: the
 * policies module passes its own list (or any node) in.
 *
 *   <MatchedPoliciesSlot>{<MatchedPolicyList enterpriseId={id} />}</MatchedPoliciesSlot>
 */
export const MatchedPoliciesSlot = ({ children, extra }: { children?: ReactNode; extra?: ReactNode }) => {
  const { t } = useI18n();
  if (children === undefined || children === null || children === false) return null;
  return (
    <Panel title={t('services.enterprise.matchedPolicies')} extra={extra} data-testid="enterprise-matched-policies">
      {children}
    </Panel>
  );
};
