/**
 * Which words of a free text say what it is about: shared by demand topics,
 * achievement matching and scenario suggestions, so that one list of stop
 * words and labels serves them all.
 */

/** Words that carry no topic in demand texts (function words, politeness, the domain's generic verbs). */
export const TOPIC_STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '和', '与', '及', '或', '在', '是', '有', '我', '我们', '公司', '企业', '贵', '请', '希望', '需要', '问题', '相关', '进行', '一个', '能否', '可以', '如何', '是否', '协调', '帮助', '支持', '目前', '没有', '不', '也', '等', '对', '为', '将', '把', '被', '从', '到', '就', '都', '而', '及其', '以及', '给予', '申请', '关于', '情况',
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'for', 'on', 'with', 'we', 'our', 'is', 'are', 'be', 'please', 'need', 'needs', 'help', 'company', 'enterprise', 'issue', 'problem',
]);

export const informative = (w: string): boolean => {
  const t = w.trim().toLowerCase();
  if (t.length === 0 || TOPIC_STOP_WORDS.has(t)) return false;
  if (/^[\p{P}\p{S}\s\d]+$/u.test(t)) return false;
  // A single Latin letter or a single CJK function character says nothing on its own.
  return !(t.length === 1 && /[a-z]/.test(t));
};

/** Labels that every sample or company record carries (示例, company suffixes): they say nothing about what a record is for. */
export const RECORD_LABEL_WORDS: ReadonlySet<string> = new Set(['示例', 'sample', '有限公司', '有限', '股份', '集团', 'co', 'ltd', 'inc', 'group']);

/** An informative word that is not a record label: what matching between records may count. */
export const descriptive = (w: string): boolean => informative(w) && !RECORD_LABEL_WORDS.has(w.trim().toLowerCase());
