import { AlertOutlined, BellOutlined, BranchesOutlined, LockOutlined, MessageOutlined, PaperClipOutlined, SwapOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useMemo } from 'react';
import { useCurrentCentre } from '../../../app/centre.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { demandFileUrl } from '../hooks/useDemands.js';
import type { DemandEvent } from '../types.js';
import { fileSize } from '../../../app/attachments.js';
import { threadEntries, type ThreadEntry } from '../utils/thread.js';

const ICONS: Record<ThreadEntry['kind'], typeof MessageOutlined> = {
  message: MessageOutlined,
  transition: SwapOutlined,
  reminder: BellOutlined,
  escalation: AlertOutlined,
  routed: BranchesOutlined,
};

/**
 * A case's thread in time order: messages, transitions with their notes,
 * reminders, escalations and the routing. Internal notes (only officers
 * receive them) are marked as such; the enterprise's own messages stand out.
 * Files download from the case (never shown inline).
 */
export const DemandThread = ({ demandId, events }: { demandId: string; events: readonly DemandEvent[] }) => {
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const entries = useMemo(() => threadEntries(events, t), [events, t]);
  return (
    <ol className="kc-svc-thread" data-testid="demand-thread">
      {entries.map((e) => {
        const Icon = e.internal ? LockOutlined : ICONS[e.kind];
        const classes = ['kc-svc-event', `is-${e.kind}`, e.internal ? 'is-internal' : '', e.fromEnterprise ? 'is-enterprise' : '', e.system ? 'is-system' : ''].filter(Boolean).join(' ');
        return (
          <li key={e.id} className={classes} data-testid="thread-event" data-kind={e.kind} data-internal={e.internal ? 'true' : 'false'}>
            <span className="kc-svc-event-dot" aria-hidden>
              <Icon />
            </span>
            <div className="kc-svc-event-body">
              <div className="kc-svc-event-head">
                <strong>{e.headline}</strong>
                {e.internal && (
                  <Tag color="gold" data-testid="internal-note-tag">
                    {t('services.thread.internalTag')}
                  </Tag>
                )}
                {e.fromEnterprise && <Tag color="purple">{t('services.thread.enterpriseTag')}</Tag>}
              </div>
              {e.text && <p className="kc-svc-prose">{e.text}</p>}
              {e.attachments.length > 0 && (
                <ul className="kc-svc-files" aria-label={t('services.thread.files')}>
                  {e.attachments.map((f) => (
                    <li key={f.id} data-testid="thread-file">
                      <PaperClipOutlined aria-hidden />{' '}
                      <a href={demandFileUrl(centre.id, demandId, f.id)} download={f.fileName}>
                        {f.fileName}
                      </a>{' '}
                      <span className="kc-muted kc-small">{fileSize(f.size)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <div className="kc-muted kc-small">
                {e.author} · {formatDateTime(e.at, locale)}
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
};
