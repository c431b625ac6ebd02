import { Timeline } from 'antd';
import type { TEntityProfile } from '../../../../shared/schemas/registry.js';
import { formatDateTime } from '../../../i18n/format.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { Panel } from '../../../ui/Panel.js';
import { timelineActionLabel, timelineActorLabel } from '../utils/labels.js';

/** The record's history from the audit log, newest first. */
export const TimelinePanel = ({ timeline }: { timeline: TEntityProfile['timeline'] }) => {
  const { t, locale } = useI18n();
  return (
    <Panel title={t('profile.timeline')} data-testid="profile-timeline">
      {timeline.length === 0 ? (
        <p className="kc-muted kc-empty-line">{t('profile.noTimeline')}</p>
      ) : (
        <Timeline
          className="kc-timeline"
          items={timeline.map((e) => ({
            key: e.seq,
            content: (
              <div>
                <div>{timelineActionLabel(e.action, t)}</div>
                <div className="kc-muted kc-small">
                  {t('profile.timelineMeta', { time: formatDateTime(e.at, locale), actor: timelineActorLabel(e.actorLabel, t) })}
                </div>
              </div>
            ),
          }))}
        />
      )}
    </Panel>
  );
};
