#!/usr/bin/env node
// Sums the gzipped JavaScript the home page needs: the entry chunk, its static
// imports, and the dashboard page's chunk with its static imports (the app
// fetches it at start-up on "/"). Reads the Vite manifest of a build.
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
for (const [file, size] of rows) console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${file}`);
console.log(`${(total / 1024).toFixed(1).padStart(8)} KB  first-page JavaScript, gzipped (${rows.length} files)`);
if (budgetKb !== null && total / 1024 > budgetKb) {
  console.error(`over the ${budgetKb} KB budget`);
  process.exit(1);
}
