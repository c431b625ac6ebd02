import { useNavigate, useParams } from 'react-router';
import { useCurrentCentre } from '../app/centre.js';
import { useSession } from '../app/session.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { AchievementsNav, needPath } from '../modules/achievements/AchievementsNav.js';
import { useNeedQuery, useSaveNeedMutation } from '../modules/achievements/hooks.js';
import { NeedForm } from '../modules/achievements/NeedForm.js';
import '../modules/achievements/achievements.css';
import '../modules/contracts/contracts.css';
import { PageHeader } from '../ui/PageHeader.js';
import { QueryState } from '../ui/QueryState.js';

/** Post a technology need, or edit an open one. */
export const NeedEditPage = () => {
  const { needId } = useParams();
  const { t } = useI18n();
  const centre = useCurrentCentre();
  const { user, can } = useSession();
  const navigate = useNavigate();
  const existing = useNeedQuery(centre.id, needId);
  const save = useSaveNeedMutation(centre.id, needId);
  const own = can('needs:post') ? (user?.organisationId ?? null) : null;
  return (
    <div className="kc-page" data-testid="need-edit-page">
      <AchievementsNav />
      <PageHeader title={t(needId ? 'achievements.needForm.titleEdit' : 'achievements.needForm.titleNew')} />
      <QueryState isLoading={!!needId && existing.isLoading} error={existing.error}>
        {(!needId || existing.data) && (
          <NeedForm
            need={existing.data}
            ownEnterpriseId={own}
            saving={save.isPending}
            onSave={async (input) => {
              const saved = await save.mutateAsync(existing.data ? { ...input, version: existing.data.version } : input);
              navigate(needPath(saved.id));
            }}
          />
        )}
      </QueryState>
    </div>
  );
};
