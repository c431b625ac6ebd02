import { informative } from '../text/words.js';

/**
 * Systemic issues: demands from different enterprises that speak of the same
 * problem. Each demand arrives as its words (segmented by the caller, e.g.
 * jieba); words are weighted by TF-IDF, demands joined when their cosine
 * similarity reaches a threshold (single link), and a cluster is an issue when
 * it spans enough distinct enterprises. Deterministic: same input, same order.
 */
export type TopicDocument = { id: string; enterpriseId: string; words: readonly string[] };

export type TopicCluster = {
  /** The words that weigh most across the cluster, most telling first. */
  keywords: string[];
  demandIds: string[];
  enterpriseIds: string[];
  /** Mean pairwise similarity of the joined pairs (how tight the cluster is). */
  cohesion: number;
};

export type TopicOptions = { threshold: number; minEnterprises: number; keywordCount: number };
export const DEFAULT_TOPIC_OPTIONS: TopicOptions = { threshold: 0.3, minEnterprises: 2, keywordCount: 5 };

export { TOPIC_STOP_WORDS, informative } from '../text/words.js';

type Vector = Map<string, number>;

const norm = (v: Vector): number => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));

const cosine = (a: Vector, b: Vector, na: number, nb: number): number => {
  if (na === 0 || nb === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return dot / (na * nb);
};

export const clusterTopics = (docs: readonly TopicDocument[], options: TopicOptions = DEFAULT_TOPIC_OPTIONS): TopicCluster[] => {
  const terms = docs.map((d) => d.words.map((w) => w.trim().toLowerCase()).filter(informative));
  const df = new Map<string, number>();
  for (const ts of terms) for (const t of new Set(ts)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const vectors: Vector[] = terms.map((ts) => {
    const tf = new Map<string, number>();
    for (const t of ts) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vector = new Map();
    for (const [t, f] of tf) v.set(t, f * Math.log((1 + n) / (1 + (df.get(t) ?? 0)) + 1));
    return v;
  });
  const norms = vectors.map(norm);

  // Union–find over pairs at or above the threshold; only pairs sharing a term can be similar.
  const parent = docs.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    let j = i;
    while (parent[j] !== r) {
      const next = parent[j] as number;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  const postings = new Map<string, number[]>();
  terms.forEach((ts, i) => {
    for (const t of new Set(ts)) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const joined: { i: number; j: number; s: number }[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n; i += 1) {
    seen.clear();
    for (const t of vectors[i]?.keys() ?? []) {
      for (const j of postings.get(t) ?? []) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const s = cosine(vectors[i] as Vector, vectors[j] as Vector, norms[i] as number, norms[j] as number);
        if (s >= options.threshold) {
          joined.push({ i, j, s });
          const a = find(i);
          const b = find(j);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
  }

  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i += 1) {
    const r = find(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  }
  const clusters: TopicCluster[] = [];
  for (const [root, idx] of members) {
    const enterprises = [...new Set(idx.map((i) => (docs[i] as TopicDocument).enterpriseId))].sort();
    if (enterprises.length < options.minEnterprises) continue;
    const weight = new Map<string, number>();
    for (const i of idx) for (const [t, w] of vectors[i] as Vector) weight.set(t, (weight.get(t) ?? 0) + w);
    const keywords = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, options.keywordCount).map(([t]) => t);
    const pairs = joined.filter((p) => find(p.i) === root);
    clusters.push({
      keywords,
      demandIds: idx.map((i) => (docs[i] as TopicDocument).id),
      enterpriseIds: enterprises,
      cohesion: pairs.length === 0 ? 1 : pairs.reduce((s, p) => s + p.s, 0) / pairs.length,
    });
  }
  return clusters.sort((a, b) => b.enterpriseIds.length - a.enterpriseIds.length || b.demandIds.length - a.demandIds.length || (a.demandIds[0] as string).localeCompare(b.demandIds[0] as string));
};
