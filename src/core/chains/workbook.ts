/**
 * A chain-map document as a workbook of four sheets and back, so a map can be
 * edited in Excel: `map` (key, value), `nodes`, `links` and `supplies`, each
 * with a header row whose first word is the field (`id 编号`, `share 份额` …;
 * the rest of a header is a label for people). Pure: cells in, a document
 * and the problems found out; the schema check happens after, on the document.
 */
export type Sheets = Readonly<Record<string, readonly (readonly string[])[]>>;

export const SHEET_COLUMNS = {
  nodes: [
    ['id', '环节编号'],
    ['nameZh', '中文名称'],
    ['nameEn', '英文名称'],
    ['kind', '类型'],
    ['layer', '层级'],
  ],
  links: [
    ['from', '上游环节'],
    ['to', '下游环节'],
  ],
  supplies: [
    ['nodeId', '环节编号'],
    ['supplierId', '供应商登记编号'],
    ['region', '省级地区代码'],
    ['country', '国家代码'],
    ['local', '本地'],
    ['share', '份额(0-1)'],
    ['confidentialAggregate', '企业汇总'],
  ],
} as const;
const WEIGHT_KEYS = ['dependence', 'concentration', 'substitute', 'innovation'] as const;

export type SheetProblem = { sheet: string; row: number; column: string; value: string; reason: 'missing_sheet' | 'missing_column' | 'not_a_number' | 'not_a_boolean' };

const bool = (v: string): boolean | null | 'bad' => {
  const t = v.trim().toLowerCase();
  if (t === '') return null;
  if (['true', 'yes', 'y', '1', '是'].includes(t)) return true;
  if (['false', 'no', 'n', '0', '否'].includes(t)) return false;
  return 'bad';
};
const num = (v: string): number | null | 'bad' => {
  const t = v.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
};
const text = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());
const fieldOf = (header: string): string => header.trim().split(/[\s（(]/)[0] ?? '';

type Doc = Record<string, unknown> & { nodes: Record<string, unknown>[]; links: Record<string, unknown>[]; supplies: Record<string, unknown>[] };

/** Cells to a document (still unchecked) and the problems only a sheet can have: missing sheets and columns, unreadable numbers and yes/no cells. */
export const documentFromSheets = (sheets: Sheets): { document: Doc; problems: SheetProblem[] } => {
  const problems: SheetProblem[] = [];
  const rowsOf = (name: keyof typeof SHEET_COLUMNS): Record<string, string>[] => {
    const sheet = sheets[name];
    if (!sheet) {
      if (name !== 'supplies') problems.push({ sheet: name, row: 1, column: '', value: '', reason: 'missing_sheet' });
      return [];
    }
    const [header = [], ...rows] = sheet;
    const fields = header.map(fieldOf);
    for (const [key] of SHEET_COLUMNS[name]) if (!fields.includes(key) && key !== 'layer' && key !== 'nameZh' && key !== 'supplierId' && key !== 'region' && key !== 'country' && key !== 'local' && key !== 'confidentialAggregate') problems.push({ sheet: name, row: 1, column: key, value: '', reason: 'missing_column' });
    return rows.filter((r) => r.some((c) => c.trim() !== '')).map((r) => Object.fromEntries(fields.map((f, i) => [f, r[i] ?? ''])));
  };
  const mapRows = sheets['map'] ?? [];
  if (!sheets['map']) problems.push({ sheet: 'map', row: 1, column: '', value: '', reason: 'missing_sheet' });
  const meta = new Map(mapRows.slice(1).map((r) => [fieldOf(r[0] ?? ''), r[1] ?? '']));
  const metaRow = (key: string): number => mapRows.findIndex((r, i) => i > 0 && fieldOf(r[0] ?? '') === key) + 1;
  const document: Doc = { format: text(meta.get('format')), clusterCode: text(meta.get('clusterCode')), nameZh: text(meta.get('nameZh')), nameEn: text(meta.get('nameEn')), nodes: [], links: [], supplies: [] };
  const isTemplate = bool(meta.get('isTemplate') ?? '');
  if (isTemplate === 'bad') problems.push({ sheet: 'map', row: metaRow('isTemplate'), column: 'isTemplate', value: meta.get('isTemplate') ?? '', reason: 'not_a_boolean' });
  else if (isTemplate !== null) document['isTemplate'] = isTemplate;
  const version = num(meta.get('version') ?? '');
  if (version !== 'bad' && version !== null) document['version'] = version;
  const weights: Record<string, number> = {};
  for (const k of WEIGHT_KEYS) {
    const w = num(meta.get(k) ?? '');
    if (w === 'bad') problems.push({ sheet: 'map', row: metaRow(k), column: k, value: meta.get(k) ?? '', reason: 'not_a_number' });
    else if (w !== null) weights[k] = w;
  }
  if (Object.keys(weights).length > 0) document['weights'] = weights;

  rowsOf('nodes').forEach((r, i) => {
    const layer = num(r['layer'] ?? '');
    if (layer === 'bad') problems.push({ sheet: 'nodes', row: i + 2, column: 'layer', value: r['layer'] ?? '', reason: 'not_a_number' });
    document.nodes.push({ id: r['id'] ?? '', nameZh: text(r['nameZh']), nameEn: r['nameEn'] ?? '', kind: r['kind'] ?? '', layer: layer === 'bad' ? null : layer });
  });
  rowsOf('links').forEach((r) => document.links.push({ from: r['from'] ?? '', to: r['to'] ?? '' }));
  rowsOf('supplies').forEach((r, i) => {
    const share = num(r['share'] ?? '');
    const local = bool(r['local'] ?? '');
    const aggregate = bool(r['confidentialAggregate'] ?? '');
    if (share === 'bad' || share === null) problems.push({ sheet: 'supplies', row: i + 2, column: 'share', value: r['share'] ?? '', reason: 'not_a_number' });
    if (local === 'bad') problems.push({ sheet: 'supplies', row: i + 2, column: 'local', value: r['local'] ?? '', reason: 'not_a_boolean' });
    if (aggregate === 'bad') problems.push({ sheet: 'supplies', row: i + 2, column: 'confidentialAggregate', value: r['confidentialAggregate'] ?? '', reason: 'not_a_boolean' });
    document.supplies.push({ nodeId: r['nodeId'] ?? '', supplierId: text(r['supplierId']), region: text(r['region']), country: text(r['country']), local: local === 'bad' ? null : local, share: typeof share === 'number' ? share : 0, confidentialAggregate: aggregate === true });
  });
  return { document, problems };
};

type DocumentOut = {
  format: string;
  clusterCode: string;
  nameZh: string | null;
  nameEn: string;
  isTemplate: boolean;
  version: number | null;
  weights: Record<(typeof WEIGHT_KEYS)[number], number> | null;
  nodes: readonly { id: string; nameZh: string | null; nameEn: string; kind: string; layer: number | null }[];
  links: readonly { from: string; to: string }[];
  supplies: readonly { nodeId: string; supplierId: string | null; region: string | null; country: string | null; local: boolean | null; share: number; confidentialAggregate: boolean }[];
};

const header = (cols: readonly (readonly [string, string])[]) => cols.map(([k, label]) => `${k} ${label}`);
const yes = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');

/** A document as the four sheets (cells as text), in the order the document lists them. */
export const sheetsFromDocument = (doc: DocumentOut): Record<'map' | 'nodes' | 'links' | 'supplies', string[][]> => ({
  map: [
    ['key 字段', 'value 值'],
    ['format 格式', doc.format],
    ['clusterCode 产业集群', doc.clusterCode],
    ['nameZh 中文名称', doc.nameZh ?? ''],
    ['nameEn 英文名称', doc.nameEn],
    ['isTemplate 模板', yes(doc.isTemplate)],
    ['version 版本', doc.version === null ? '' : String(doc.version)],
    ...WEIGHT_KEYS.map((k) => [`${k} 权重`, doc.weights ? String(doc.weights[k]) : '']),
  ],
  nodes: [header(SHEET_COLUMNS.nodes), ...doc.nodes.map((n) => [n.id, n.nameZh ?? '', n.nameEn, n.kind, n.layer === null ? '' : String(n.layer)])],
  links: [header(SHEET_COLUMNS.links), ...doc.links.map((l) => [l.from, l.to])],
  supplies: [header(SHEET_COLUMNS.supplies), ...doc.supplies.map((s) => [s.nodeId, s.supplierId ?? '', s.region ?? '', s.country ?? '', yes(s.local), String(s.share), yes(s.confidentialAggregate)])],
});

/** Where a document path (`supplies.2.share`) sits in the workbook: its sheet and spreadsheet row (the header is row 1). */
export const cellOf = (path: string): { sheet: string; row: number } | null => {
  const m = /^(nodes|links|supplies)\.(\d+)(?:\.|$)/.exec(path);
  return m ? { sheet: m[1] as string, row: Number(m[2]) + 2 } : null;
};
