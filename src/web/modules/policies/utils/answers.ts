import type { FactAnswer, FactDefinition } from '../types.js';

/**
 * The answers form's values as the API takes them: numbers as numbers,
 * yes/no as booleans, lists as lists of trimmed strings; blank fields are
 * left out (not answered), never sent as null (null withdraws an answer).
 */
export const answersFromForm = (questions: readonly Pick<FactDefinition, 'name' | 'type'>[], values: Record<string, unknown>): FactAnswer[] => {
  const out: FactAnswer[] = [];
  for (const q of questions) {
    const raw = values[q.name];
    if (raw === undefined || raw === null || raw === '') continue;
    switch (q.type) {
      case 'number':
      case 'integer': {
        const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
        if (Number.isFinite(n)) out.push({ fact: q.name, value: q.type === 'integer' ? Math.round(n) : n });
        break;
      }
      case 'boolean':
        if (raw === true || raw === 'true') out.push({ fact: q.name, value: true });
        else if (raw === false || raw === 'false') out.push({ fact: q.name, value: false });
        break;
      case 'string[]': {
        const list = (Array.isArray(raw) ? raw : String(raw).split(/[,，、\s]+/)).map((s) => String(s).trim()).filter((s) => s !== '');
        if (list.length > 0) out.push({ fact: q.name, value: [...new Set(list)] });
        break;
      }
      default: {
        const s = String(raw).trim();
        if (s) out.push({ fact: q.name, value: s });
      }
    }
  }
  return out;
};
