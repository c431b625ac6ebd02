import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';

/**
 * What a name is found by. PostgreSQL's `simple` text search does not split
 * Chinese, so names are stored pre-segmented (jieba, search mode) together with
 * their pinyin in full and as initials: `zhongguancun` and `zgc` both find
 * 中关村. The same function segments the query, so both sides agree.
 */
let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;

export const segment = (text: string): string[] =>
  segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w));

/** Full pinyin and initials of the Chinese part of a name, without tones or spaces. */
export const pinyinKeys = (text: string): string[] => {
  if (!HAN.test(text)) return [];
  const han = text.replace(/[^\p{Script=Han}]/gu, '');
  const full = pinyin(han, { toneType: 'none', type: 'array', v: true }).join('');
  const initials = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
  return [full, initials];
};

/** The searchable text of a record: names and aliases, their segments and their pinyin. */
export const buildSearchText = (names: (string | null | undefined)[]): string => {
  const parts = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const lower = name.trim().toLowerCase();
    if (!lower) continue;
    parts.add(lower);
    for (const w of segment(lower)) parts.add(w);
    for (const k of pinyinKeys(lower)) parts.add(k);
  }
  return [...parts].join(' ');
};

/** The query as text-search terms: segmented Chinese, lower-case Latin words. */
export const queryTerms = (query: string): string[] => [...new Set(segment(query.trim()))].slice(0, 12);
