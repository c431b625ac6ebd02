/**
 * Where each segment of a chain is drawn: columns from upstream (left) to
 * downstream (right). A node's column is its stated layer, else the length of
 * the longest upstream path to it; links inside a cycle are ignored for the
 * depth so that every node still gets a column. Rows spread each column's
 * nodes evenly, in the order they are listed, so a map reads the same each
 * time it is opened.
 */
export type LayoutNode = { id: string; layer: number | null };
export type Placed = { id: string; column: number; row: number; x: number; y: number };

export const columnsOf = (nodes: readonly LayoutNode[], links: readonly { from: string; to: string }[]): Map<string, number> => {
  const ids = new Set(nodes.map((n) => n.id));
  const upstream = new Map<string, string[]>();
  for (const l of links) {
    if (!ids.has(l.from) || !ids.has(l.to) || l.from === l.to) continue;
    const list = upstream.get(l.to);
    if (list) list.push(l.from);
    else upstream.set(l.to, [l.from]);
  }
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  // Iterative depth-first walk (maps reach 10,000 nodes; recursion would overflow on a long chain).
  for (const start of nodes) {
    if (depth.has(start.id)) continue;
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    visiting.add(start.id);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { id: string; next: number };
      const ups = upstream.get(top.id) ?? [];
      if (top.next < ups.length) {
        const u = ups[top.next++] as string;
        if (!depth.has(u) && !visiting.has(u)) {
          visiting.add(u);
          stack.push({ id: u, next: 0 });
        }
        continue;
      }
      const d = ups.reduce((m, u) => (depth.has(u) ? Math.max(m, (depth.get(u) as number) + 1) : m), 0);
      depth.set(top.id, d);
      visiting.delete(top.id);
      stack.pop();
    }
  }
  return new Map(nodes.map((n) => [n.id, n.layer ?? (depth.get(n.id) as number)]));
};

export const layoutChain = (nodes: readonly LayoutNode[], links: readonly { from: string; to: string }[], size = { columnGap: 220, rowGap: 70 }): Placed[] => {
  const columns = columnsOf(nodes, links);
  const rows = new Map<number, number>();
  return nodes.map((n) => {
    const column = columns.get(n.id) as number;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    return { id: n.id, column, row, x: column * size.columnGap, y: row * size.rowGap };
  });
};

/** A chokepoint score (0–1) as a colour from calm green through amber to red; grey when there is no supply data. */
export const scoreColour = (score: number | null): string => {
  if (score === null) return '#bfbfbf';
  const s = Math.max(0, Math.min(1, score));
  const stops: [number, [number, number, number]][] = [
    [0, [82, 196, 26]],
    [0.5, [250, 173, 20]],
    [1, [245, 34, 45]],
  ];
  const i = s <= 0.5 ? 0 : 1;
  const [a, ca] = stops[i] as [number, [number, number, number]];
  const [b, cb] = stops[i + 1] as [number, [number, number, number]];
  const f = (s - a) / (b - a);
  const mix = ca.map((c, k) => Math.round(c + ((cb[k] as number) - c) * f));
  return `rgb(${mix.join(', ')})`;
};
