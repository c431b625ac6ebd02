import { message, Segmented } from 'antd';
import { useState } from 'react';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { MessageKey } from '../i18n/keys.js';
import { CorrectionCard } from '../modules/registry/components/CorrectionCard.js';
import { useCorrectionsQuery, type CorrectionStatus } from '../modules/registry/hooks/useCorrectionsQuery.js';
import { useUsersQuery } from '../modules/users/hooks/useUsersQuery.js';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';

const STATUSES: ReadonlyArray<{ value: CorrectionStatus; label: MessageKey }> = [
  { value: 'pending', label: 'correction.status.pending' },
  { value: 'approved', label: 'correction.status.approved' },
  { value: 'rejected', label: 'correction.status.rejected' },
];

/** Corrections that organisations proposed to their own profiles, for reviewers to approve or reject. */
export const CorrectionsPage = () => {
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const [toast, toastHolder] = message.useMessage();
  const [status, setStatus] = useState<CorrectionStatus>('pending');
  const query = useCorrectionsQuery(centre.id, status);
  const items = query.data?.items ?? [];
  // Proposers by name for those who may list accounts (administrators); others see the account id.
  const { can } = useSession();
  const users = useUsersQuery({ enabled: can('users:manage') });
  const nameOf = (id: string) => users.data?.items.find((u) => u.id === id)?.displayName;

  return (
    <div className="kc-page" data-testid="corrections-page">
      {toastHolder}
      <PageHeader title={t('correction.pageTitle')} intro={t('correction.pageIntro')} />
      <Segmented
        className="kc-filters"
        value={status}
        onChange={(value) => setStatus(value as CorrectionStatus)}
        options={STATUSES.map((s) => ({ value: s.value, label: t(s.label) }))}
        data-testid="corrections-status"
      />
      <QueryState
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        isEmpty={items.length === 0}
        emptyText={t(status === 'pending' ? 'correction.emptyPending' : 'correction.empty')}
      >
        <div className="kc-stack">
          {items.map((c) => (
            <CorrectionCard key={c.id} correction={c} proposerName={nameOf(c.proposedBy)} onDecided={(text) => void toast.success(text)} />
          ))}
        </div>
      </QueryState>
    </div>
  );
};
