import { pickName } from '../../../i18n/format.js';
import type { Translator } from '../../../i18n/translate.js';
import type { DemandEvent } from '../types.js';
import type { MessageKey } from '../../../i18n/keys.js';
import { demandActionLabel, escalationLabel } from './labels.js';

/**
 * One entry of a case's thread as the page shows it. The server writes its
 * own entries (routing, reminders, escalations, automatic confirmation) with
 * English text in `body`; they are read back into codes here so both
 * languages read naturally.
 */
export type ThreadEntry = {
  id: string;
  kind: DemandEvent['kind'];
  /** Who: a person's name, or "the system". */
  author: string;
  system: boolean;
  fromEnterprise: boolean;
  internal: boolean;
  /** What happened, in one line ("受理", "升级至区级协调人"). */
  headline: string;
  /** The message or note as written, when there is one to show. */
  text: string | null;
  /** Files the entry carries. */
  attachments: DemandEvent['attachments'];
  at: string;
};

const SYSTEM = /^system:/;

/** `to the district coordinator (idle for 5 days)` → level 1, idle, 5. */
export const parseEscalation = (body: string | null): { level: 1 | 2 | null; reason: 'idle' | 'overdue' | null; days: number | null } => {
  const text = body ?? '';
  const level = /municipal/.test(text) ? 2 : /district/.test(text) ? 1 : null;
  const idle = /idle for (\d+) days?/.exec(text);
  const reason = idle ? 'idle' : /deadline/.test(text) ? 'overdue' : null;
  return { level, reason, days: idle ? Number(idle[1]) : null };
};

/** `idle for 3 days` → 3. */
export const parseIdleDays = (body: string | null): number | null => {
  const m = /idle for (\d+) days?/.exec(body ?? '');
  return m ? Number(m[1]) : null;
};

/** `市金融服务处 / Municipal finance services` → the name in the UI language. */
export const routedDepartment = (body: string | null, t: Translator): string | null => {
  if (!body) return null;
  const [zh, en] = body.split(' / ');
  return pickName({ nameZh: zh?.trim() || null, nameEn: en?.trim() || null }, t.locale) || body;
};

export const threadEntry = (e: DemandEvent, t: Translator, escalationsBefore = 0): ThreadEntry => {
  const system = SYSTEM.test(e.authorLabel);
  const base = { id: e.id, kind: e.kind, author: system ? t('services.thread.system') : e.authorLabel, system, fromEnterprise: e.authorIsEnterprise, internal: e.internal, attachments: e.attachments, at: e.createdAt };
  switch (e.kind) {
    case 'message': {
      const fileOnly = e.body === null && e.attachments.length > 0;
      const headline = fileOnly ? (e.internal ? t('services.thread.internalFile') : t('services.thread.file')) : e.internal ? t('services.thread.internalNote') : t('services.thread.message');
      return { ...base, headline, text: e.body };
    }
    case 'routed': {
      const dept = routedDepartment(e.body, t);
      return { ...base, headline: dept ? t('services.thread.routed', { department: dept }) : t('services.thread.unrouted'), text: null };
    }
    case 'reminder': {
      const days = parseIdleDays(e.body);
      return { ...base, headline: days === null ? t('services.thread.reminderPlain') : t('services.thread.reminder', { count: days }), text: null };
    }
    case 'escalation': {
      const parsed = parseEscalation(e.body);
      const level = parsed.level ?? (Math.min(2, escalationsBefore + 1) as 1 | 2);
      const to = escalationLabel(t, level);
      const why = parsed.reason === 'overdue' ? t('services.thread.escalatedOverdue') : parsed.days !== null ? t('services.thread.escalatedIdle', { count: parsed.days }) : null;
      return { ...base, headline: t('services.thread.escalated', { level: to }), text: why };
    }
    case 'transition': {
      const action = e.action ?? '';
      const autoConfirm = system && action === 'confirm';
      const key = `services.threadAction.${action}`;
      const headline = autoConfirm ? t('services.thread.autoConfirmed') : t.has(key) ? t(key as MessageKey) : demandActionLabel(t, action);
      return { ...base, headline, text: autoConfirm ? null : e.body };
    }
    default:
      return { ...base, headline: e.kind, text: e.body };
  }
};

/** The thread in time order, each entry described. */
export const threadEntries = (events: readonly DemandEvent[], t: Translator): ThreadEntry[] => {
  const sorted = [...events].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  let escalations = 0;
  return sorted.map((e) => {
    const entry = threadEntry(e, t, escalations);
    if (e.kind === 'escalation') escalations += 1;
    return entry;
  });
};
