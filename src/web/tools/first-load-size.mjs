#!/usr/bin/env node
// Sums the gzipped JavaScript the home page needs: the entry chunk, its static
// imports, and the dashboard page's chunk with its static imports (the app
// fetches it at start-up on "/"). Reads the Vite manifest of a build.
// Sizes are gzip level 9, in kB (1000 bytes, as Vite prints them).
//
//   node src/web/tools/first-load-size.mjs [dist/web] [--budget 400]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const budgetIndex = args.indexOf('--budget');
const budgetKb = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : null;
const dir = args.find((a, i) => !a.startsWith('--') && i !== budgetIndex + 1) ?? 'dist/web';
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8'));

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) throw new Error('no entry in the manifest');
const dashboardKey = Object.keys(manifest).find((k) => k.endsWith('pages/DashboardPage.tsx'));

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);
if (dashboardKey) visit(dashboardKey);

let total = 0;
const rows = [...files]
  .filter((f) => f.endsWith('.js'))
  .map((file) => {
    const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
    total += size;
    return [file, size];
  })
  .sort((a, b) => b[1] - a[1]);
const kB = (bytes) => `${(bytes / 1000).toFixed(1).padStart(8)} kB`;
for (const [file, size] of rows) console.log(`${kB(size)}  ${file}`);
console.log(`${kB(total)}  first-page JavaScript, gzipped (${rows.length} files; ${(total / 1024).toFixed(1)} KiB)`);
if (budgetKb !== null && total / 1000 > budgetKb) {
  console.error(`over the ${budgetKb} kB budget`);
  process.exit(1);
}
