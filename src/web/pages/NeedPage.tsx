import { Button, Modal, Tag } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { NEED_TRANSITIONS, type NeedAction } from '../../shared/achievements-vocabulary.js';
import { useCurrentCentre } from '../app/centre.js';
import { errorMessage } from '../app/errors.js';
import { formatNumber, pickName } from '../i18n/format.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { achievementPath, AchievementsNav, needPath } from '../modules/achievements/AchievementsNav.js';
import { useDraftCallMutation, useNeedMatchesQuery, useNeedQuery, useNeedTransitionMutation, type Matches } from '../modules/achievements/hooks.js';
import { achievementIssueText, NEED_STATE_COLOURS, needActionLabel, needStateLabel } from '../modules/achievements/labels.js';
import '../modules/achievements/achievements.css';
import '../modules/contracts/contracts.css';
import { isApiError } from '../app/api.js';
import { fieldLabel } from '../modules/contracts/labels.js';
import { PageHeader } from '../ui/PageHeader.js';
import { Panel } from '../ui/Panel.js';
import { QueryState } from '../ui/QueryState.js';
import { SampleTag } from '../ui/SampleTag.js';

/** One match, with every part of its score spelt out. */
const MatchRow = ({ match }: { match: Matches['items'][number] }) => {
  const { t, locale } = useI18n();
  const { achievement: a, components: c } = match;
  const pct = (x: number) => formatNumber(x, locale, 2);
  return (
    <div className="kc-ach-match" data-testid="need-match">
      <div className="kc-ach-score" title={t('achievements.need.score')}>
        {formatNumber(match.score, locale, 2)}
      </div>
      <div>
        <Link to={achievementPath(a.id)}>{locale === 'en-US' && a.titleEn ? a.titleEn : a.titleZh}</Link>
        <SampleTag isSample={a.isSample} />
        <span className="kc-muted kc-small"> · {a.owners.map((o) => pickName(o, locale)).join('、')}</span>
        <div className="kc-ach-parts kc-small" data-testid="need-match-parts">
          <span>
            {t('achievements.need.text', { shared: c.text.sharedTerms.length, total: c.text.needTerms })} ({pct(c.text.value)} × {c.text.weight})
            {c.text.sharedTerms.length > 0 && <div className="kc-muted">{t('achievements.need.sharedTerms', { terms: c.text.sharedTerms.join('、') })}</div>}
          </span>
          <span>
            {t(`achievements.need.relation.${c.field.relation}`)} · {fieldLabel(t, a.field)} ({pct(c.field.value)} × {c.field.weight})
          </span>
          <span className={c.trl.meetsMinimum ? undefined : 'kc-tc-error'}>{t(c.trl.meetsMinimum ? 'achievements.need.trlMeets' : 'achievements.need.trlBelow', { trl: c.trl.achievementTrl, min: c.trl.needMin, factor: pct(c.trl.factor) })}</span>
        </div>
      </div>
    </div>
  );
};

/** A technology need, the achievements that match it and why, and the way to a 揭榜挂帅 call when none fits. */
export const NeedPage = () => {
  const { needId = '' } = useParams();
  const { t, locale } = useI18n();
  const centre = useCurrentCentre();
  const navigate = useNavigate();
  const query = useNeedQuery(centre.id, needId);
  const matches = useNeedMatchesQuery(centre.id, needId);
  const transition = useNeedTransitionMutation(centre.id, needId);
  const draft = useDraftCallMutation(centre.id, needId);
  const n = query.data;
  const actions = n && n.canEdit ? (Object.keys(NEED_TRANSITIONS) as NeedAction[]).filter((a) => NEED_TRANSITIONS[a].from.includes(n.state)) : [];
  const draftError = draft.error ? (isApiError(draft.error) && draft.error.fieldIssues[0] ? achievementIssueText(draft.error.fieldIssues[0], t) : errorMessage(draft.error, t)) : null;
  return (
    <div className="kc-page" data-testid="need-page">
      <AchievementsNav />
      <QueryState isLoading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {n && (
          <>
            <PageHeader
              title={
                <>
                  {n.title}
                  <SampleTag isSample={n.isSample} />
                </>
              }
              intro={pickName(n.enterprise, locale)}
              extra={
                <span className="kc-tc-actions">
                  {n.canEdit && (
                    <Link to={`${needPath(n.id)}/edit`}>
                      <Button data-testid="need-edit">{t('achievements.need.edit')}</Button>
                    </Link>
                  )}
                  {actions.map((action) => (
                    <Button key={action} loading={transition.isPending} onClick={() => transition.mutate({ action, version: n.version })} data-testid={`need-action-${action}`}>
                      {needActionLabel(t, action)}
                    </Button>
                  ))}
                  {n.canConvert && (
                    <Button
                      type="primary"
                      loading={draft.isPending}
                      data-testid="need-draft-call"
                      onClick={() => Modal.confirm({ title: t('achievements.need.draftCall'), content: t('achievements.need.draftCallConfirm'), onOk: async () => { const r = await draft.mutateAsync(); navigate(`/calls/${encodeURIComponent(r.callId)}`); } })}
                    >
                      {t('achievements.need.draftCall')}
                    </Button>
                  )}
                  {n.callId && (
                    <Link to={`/calls/${encodeURIComponent(n.callId)}`}>
                      <Button data-testid="need-open-call">{t('achievements.need.openCall')}</Button>
                    </Link>
                  )}
                </span>
              }
            />
            {(transition.error || draftError) && <div className="kc-tc-error" role="alert">{draftError ?? errorMessage(transition.error, t)}</div>}
            <div className="kc-ach-meta">
              <Tag color={NEED_STATE_COLOURS[n.state]} data-testid="need-state" data-state={n.state}>
                {needStateLabel(t, n.state)}
              </Tag>
              <Tag>{fieldLabel(t, n.field)}</Tag>
              <Tag color="blue">≥ {t('achievements.trl.value', { level: n.trlMin })}</Tag>
              {(n.budgetMin !== null || n.budgetMax !== null) && <Tag>{t('achievements.needs.col.budget')} {[n.budgetMin, n.budgetMax].map((v) => (v === null ? '…' : formatNumber(v, locale, 0))).join(' – ')}</Tag>}
              {n.deadline && <Tag>{t('achievements.needs.col.deadline')} {n.deadline}</Tag>}
              {n.keywords.map((k) => <Tag key={k} bordered={false}>#{k}</Tag>)}
            </div>
            <div className="kc-stack">
              <Panel title={t('achievements.need.description')}>
                <p className="kc-ach-summary">{n.description}</p>
              </Panel>
              <Panel title={t('achievements.need.matches')} data-testid="need-matches">
                <p className="kc-muted kc-small">{t('achievements.need.matchesIntro')}</p>
                <QueryState isLoading={matches.isLoading} error={matches.error} isEmpty={(matches.data?.items.length ?? 0) === 0} emptyText={t('achievements.need.matchesEmpty')}>
                  {matches.data?.items.map((m) => <MatchRow key={m.achievement.id} match={m} />)}
                </QueryState>
              </Panel>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
};
