import { formatNumber } from '../../../i18n/format.js';
import type { MessageKey } from '../../../i18n/keys.js';
import type { Translator } from '../../../i18n/translate.js';

/** An audit action in words; an action the catalog does not know is shown as its code. */
export const timelineActionLabel = (action: string, t: Translator): string => {
  const key = `timeline.action.${action}`;
  return t.has(key) ? t(key as MessageKey) : action;
};

/** Who acted: a system actor in words, a person by the label the audit log keeps. */
export const timelineActorLabel = (actor: string, t: Translator): string => {
  const key = `timeline.actor.${actor}`;
  return t.has(key) ? t(key as MessageKey) : actor;
};

/** What a merge moved, in words ("认定：2"); only what moved. */
export const repointedLines = (repointed: Record<string, number>, t: Translator): string[] =>
  Object.entries(repointed)
    .filter(([, n]) => n > 0)
    .map(([what, n]) => {
      const key = `merge.moved.${what}`;
      return t('merge.movedLine', { what: t.has(key) ? t(key as MessageKey) : what, count: formatNumber(n, t.locale) });
    });
