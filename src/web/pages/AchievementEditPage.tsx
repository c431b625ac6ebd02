import { useNavigate, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { AchievementForm } from '../modules/achievements/AchievementForm.js';
import { achievementPath, AchievementsNav } from '../modules/achievements/AchievementsNav.js';
import { useAchievementQuery, useReadDetailMutation, useSaveAchievementMutation } from '../modules/achievements/hooks.js';
import { useEntityProfileQuery } from '../modules/registry/hooks/useEntityProfileQuery.js';
import '../modules/achievements/achievements.css';
import '../modules/contracts/contracts.css';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';

/**
 * Record a new achievement (a draft owned by one's organisation) or edit one.
 * Editing does not read the confidential detail (a save leaves it as it is);
 * only an explicit reveal in the form reads it, logged like any other reading.
 */
export const AchievementEditPage = () => {
  const { achievementId } = useParams();
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const own = !achievementId && can('achievements:write') ? (user?.organisationId ?? null) : null;
  const profile = useEntityProfileQuery(centre.id, own);
  const navigate = useNavigate();
  const existing = useAchievementQuery(centre.id, achievementId);
  const detail = useReadDetailMutation(centre.id, achievementId ?? '');
  const save = useSaveAchievementMutation(centre.id, achievementId);
  const editing = !!achievementId;
  const ready = editing ? !!existing.data : !own || !profile.isLoading;
  return (
    <div className="kc-page" data-testid="achievement-edit-page">
      <AchievementsNav />
      <PageHeader title={t(editing ? 'achievements.form.titleEdit' : 'achievements.form.titleNew')} intro={t('achievements.form.intro')} />
      <QueryState isLoading={!ready && !existing.error} error={existing.error}>
        {ready && (
          <AchievementForm
            achievement={existing.data}
            revealDetail={async () => (await detail.mutateAsync()).detail}
            ownOrganisation={own && profile.data ? { id: own, nameZh: profile.data.entity.nameZh, nameEn: profile.data.entity.nameEn } : null}
            saving={save.isPending}
            onSave={async (input) => {
              const saved = await save.mutateAsync(existing.data ? { ...input, version: existing.data.version } : input);
              navigate(achievementPath(saved.id));
            }}
          />
        )}
      </QueryState>
    </div>
  );
};
