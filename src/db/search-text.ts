import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { pinyin } from 'pinyin-pro';

/**
 * What a name is found by. PostgreSQL's `simple` text search does not split
 * Chinese, so names are stored pre-segmented (jieba, search mode) together with
 * their pinyin in full and as initials (of the name and of each word):
 * `zhongguancun` and `zgc` both find 中关村 and 北京中关村发展集团. Queries
 * are cut in jieba's precise mode (see queryTerms), whose words the stored
 * text always holds.
 */
let jieba: Jieba | undefined;
const segmenter = (): Jieba => (jieba ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;

export const segment = (text: string): string[] =>
  segmenter()
    .cutForSearch(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w));

/** Words of a free text in jieba's precise mode (no overlapping pieces): what topic clustering counts. */
export const topicWords = (text: string): string[] =>
  segmenter()
    .cut(text, true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w));

const hanOnly = (text: string): string => text.replace(/[^\p{Script=Han}]/gu, '');

/**
 * Pinyin keys of each word, read off the whole name's syllables: one
 * conversion per name (the costly part), and polyphonic characters keep the
 * reading the whole name gives them.
 */
const wordPinyinKeys = (name: string, words: string[]): string[] => {
  const han = hanOnly(name);
  if (!han) return [];
  const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true });
  const keys = [syllables.join(''), syllables.map((s) => s.charAt(0)).join('')];
  if (syllables.length !== han.length) return keys; // a character pinyin-pro could not split: whole-name keys only
  for (const word of words) {
    const w = hanOnly(word);
    const at = w ? han.indexOf(w) : -1;
    if (at < 0) continue;
    const part = syllables.slice(at, at + w.length);
    keys.push(part.join(''), part.map((s) => s.charAt(0)).join(''));
  }
  return keys;
};

/** The searchable text of a record: names and aliases, their segments and their pinyin. */
export const buildSearchText = (names: (string | null | undefined)[]): string => {
  const parts = new Set<string>();
  for (const name of names) {
    if (!name) continue;
    const lower = name.trim().toLowerCase();
    if (!lower) continue;
    parts.add(lower);
    const words = segment(lower);
    for (const w of words) parts.add(w);
    // Pinyin of the whole name and of every word: `zhongguancun` and `zgc` find 北京中关村… too.
    for (const k of wordPinyinKeys(lower, words)) parts.add(k);
  }
  return [...parts].join(' ');
};

/**
 * The query as text-search terms: Chinese in jieba's precise mode (each word
 * once; the stored text also holds every precise word, beside its sub-words),
 * lower-case Latin words. Sub-words would only repeat what their word already
 * requires, and each extra term costs a posting-list read.
 */
export const queryTerms = (query: string): string[] =>
  [
    ...new Set(
      segmenter()
        .cut(query.trim(), true)
        .map((w) => w.trim().toLowerCase())
        .filter((w) => w.length > 0 && /[\p{L}\p{N}]/u.test(w)),
    ),
  ].slice(0, 12);
