import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { formatNumber, pickTitle } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate } from '../modules/calls/utils/labels.js';
import { useTalentCallsQuery } from '../modules/talent/hooks.js';
import { categoryLabel } from '../modules/talent/labels.js';
import { TalentTabs } from '../modules/talent/TalentTabs.js';
import { Chip } from '../ui/Chip.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';
import '../modules/talent/talent.css';

/**
 * 人才计划: talent calls with their published merit-point schemes; each opens
 * to its indicator list, the self-assessment and the application.
 */
export const TalentPage = () => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const { can } = useSession();
  const navigate = useNavigate();
  const calls = useTalentCallsQuery(centre.id);
  const items = calls.data?.items ?? [];
  return (
    <div className="kc-talent" data-testid="talent-page">
      <PageHeader title={t('talent.title')} intro={t('talent.intro')} />
      <TalentTabs active="calls" />
      <Panel
        title={t('talent.calls.title')}
        extra={
          can('calls:manage') ? (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => void navigate('/talent/calls/new')} data-testid="talent-draft-new">
              {t('talent.calls.draftNew')}
            </Button>
          ) : undefined
        }
      >
        <QueryState isLoading={calls.isLoading} error={calls.error} onRetry={() => void calls.refetch()} isEmpty={items.length === 0} emptyText={t('talent.calls.empty')}>
          <div className="kc-talent-cards">
            {items.map((c) => (
              <div className="kc-talent-card" key={c.id} data-testid="talent-call-card">
                <h3>
                  <Link to={`/talent/calls/${encodeURIComponent(c.id)}`} data-testid="talent-call-link">
                    {pickTitle(c, locale)}
                  </Link>
                </h3>
                <div className="kc-talent-card-meta">
                  <Chip tone="info">{categoryLabel(t, c.category)}</Chip>
                  <Chip>{t(c.mode === 'nomination' ? 'talent.mode.nomination' : 'talent.mode.application')}</Chip>
                  {c.state !== 'published' && <Chip tone="warning">{t(`talent.callState.${c.state === 'draft' || c.state === 'internal_review' ? 'draft' : 'closed'}`)}</Chip>}
                  <SampleTag isSample={c.isSample} />
                </div>
                <div className="kc-muted kc-small">
                  {t('talent.calls.summary', { indicators: c.scheme.indicators.length, threshold: formatNumber(c.scheme.threshold, locale), wp: c.scheme.weights.personal, we: c.scheme.weights.enterprise })}
                  {c.deadline ? ` · ${t('talent.calls.deadline', { date: formatDate(c.deadline, t) })}` : ''}
                </div>
              </div>
            ))}
          </div>
        </QueryState>
      </Panel>
    </div>
  );
};
