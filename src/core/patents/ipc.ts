/**
 * International Patent Classification symbols (WIPO IPC): section (A–H),
 * class (two digits), subclass (a letter), then main group (1–4 digits), a
 * slash and subgroup (2–6 digits), e.g. `H01L 21/02`. People and exports
 * write them with or without the space, with leading zeros in the group
 * (`H01L 021/02`), in full width, or with the version (`H01L 21/02(2006.01)`);
 * all normalise to the one form WIPO prints.
 */

export type IpcSymbol = { symbol: string; section: string; cls: string; subclass: string; mainGroup: string; subgroup: string };

const SYMBOL = /^([A-H])(\d{2})([A-Z])(\d{1,4})\/(\d{1,6})$/;

export const parseIpc = (raw: string): IpcSymbol | null => {
  const cleaned = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\(\d{4}\.\d{2}\)\s*$/, '') // the version the symbol was allocated in
    .replace(/\s+/g, '');
  const m = SYMBOL.exec(cleaned);
  if (!m) return null;
  const [, section, cls, sub, group, subgroup] = m as unknown as [string, string, string, string, string, string];
  const mainGroup = String(Number(group));
  if (mainGroup === '0') return null;
  // A one-digit subgroup is written with a trailing zero (H01L 21/0 is not a symbol; /00 is the main group itself).
  const sg = subgroup.length === 1 ? `${subgroup}0` : subgroup;
  return { symbol: `${section}${cls}${sub} ${mainGroup}/${sg}`, section, cls: `${section}${cls}`, subclass: `${section}${cls}${sub}`, mainGroup: `${section}${cls}${sub} ${mainGroup}`, subgroup: sg };
};

export const normaliseIpc = (raw: string): string | null => parseIpc(raw)?.symbol ?? null;

/** Split a cell of several symbols (`;`, `；`, `,`, `，`, `|` or line breaks between them). */
export const splitIpcCell = (cell: string): string[] => cell.split(/[;；,，|\n\r]+/).map((s) => s.trim()).filter(Boolean);

/**
 * A prefix to filter by: a section (`H`), class (`H01`), subclass (`H01L`),
 * main group (`H01L 21`) or a full symbol, normalised the same way. Null when
 * it is none of these.
 */
export const normaliseIpcPrefix = (raw: string): string | null => {
  const s = raw.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  if (/^[A-H]$/.test(s) || /^[A-H]\d{2}$/.test(s) || /^[A-H]\d{2}[A-Z]$/.test(s)) return s;
  const g = /^([A-H]\d{2}[A-Z])(\d{1,4})$/.exec(s);
  if (g) return `${g[1]} ${Number(g[2])}/`;
  return normaliseIpc(raw);
};
