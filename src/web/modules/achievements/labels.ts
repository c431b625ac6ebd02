import type { AccessRequestState, AchievementAction, AchievementStage, AchievementState, AvailabilityMode, DetailViewBasis, NeedAction, NeedState } from '../../../shared/achievements-vocabulary.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { fieldIssueMessage } from '../../app/errors.js';
import type { MessageKey } from '../../i18n/keys.js';
import type { Translator } from '../../i18n/translate.js';

/*
 * Labels for the achievement vocabularies. The template-literal keys make the
 * compiler check that the catalog has one for every code. Technical fields
 * are the contracts' (contracts/labels.ts fieldLabel).
 */
export const stateLabel = (t: Translator, v: AchievementState) => t(`achievements.state.${v}`);
export const stageLabel = (t: Translator, v: AchievementStage) => t(`achievements.stage.${v}`);
export const availabilityLabel = (t: Translator, v: AvailabilityMode) => t(`achievements.availability.${v}`);
export const actionLabel = (t: Translator, v: AchievementAction) => t(`achievements.action.${v}`);
export const requestStateLabel = (t: Translator, v: AccessRequestState) => t(`achievements.requests.state.${v}`);
export const basisLabel = (t: Translator, v: DetailViewBasis) => t(`achievements.detail.basis.${v}`);
export const needStateLabel = (t: Translator, v: NeedState) => t(`achievements.needs.state.${v}`);
export const needActionLabel = (t: Translator, v: NeedAction) => t(`achievements.needs.action.${v}`);

export const STATE_COLOURS: Readonly<Record<AchievementState, string>> = { draft: 'default', published: 'green', withdrawn: 'orange' };
export const NEED_STATE_COLOURS: Readonly<Record<NeedState, string>> = { open: 'blue', matched: 'green', closed: 'default', converted: 'purple' };

/** The module's own reasons (`achievements.reason.*`), then the shared ones. */
export const achievementIssueText = (issue: FieldIssue, t: Translator): string => {
  const key = `achievements.reason.${issue.reason}`;
  return t.has(key) ? t(key as MessageKey) : fieldIssueMessage(issue, t);
};
