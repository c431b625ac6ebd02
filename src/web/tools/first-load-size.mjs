#!/usr/bin/env node
// Sums the gzipped JavaScript the home page needs: the entry chunk, its static
// imports, and the dashboard page's chunk with its static imports (the app
// fetches it at start-up on "/"). Reads the Vite manifest of a build.
// Sizes are gzip level 9, in kB (1000 bytes, as Vite prints them). Also lists
// the message namespaces that load on demand (src/web/i18n/locales/<locale>/
// <namespace>.json), and fails if one of them ends up on the first page.
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

const gzipSize = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
let total = 0;
const rows = [...files]
  .filter((f) => f.endsWith('.js'))
  .map((file) => {
    const size = gzipSize(file);
    total += size;
    return [file, size];
  })
  .sort((a, b) => b[1] - a[1]);
const kB = (bytes) => `${(bytes / 1000).toFixed(1).padStart(8)} kB`;
for (const [file, size] of rows) console.log(`${kB(size)}  ${file}`);
console.log(`${kB(total)}  first-page JavaScript, gzipped (${rows.length} files; ${(total / 1024).toFixed(1)} KiB)`);

const namespaceChunks = Object.entries(manifest)
  .map(([key, chunk]) => [/i18n\/locales\/([^/]+)\/([^/]+)\.json$/.exec(key), chunk])
  .filter(([match]) => match)
  .map(([match, chunk]) => ({ name: `${match[1]}/${match[2]}`, file: chunk.file }))
  .sort((a, b) => a.name.localeCompare(b.name));
if (namespaceChunks.length > 0) {
  console.log('message namespaces loaded on demand, gzipped (zh-CN/core ships inside the first page):');
  for (const { name, file } of namespaceChunks) console.log(`${kB(gzipSize(file))}  ${name}  (${file})`);
}
const onFirstPage = namespaceChunks.filter(({ file }) => files.has(file));
if (onFirstPage.length > 0) {
  console.error(`on the first page, but meant to load on demand: ${onFirstPage.map((c) => c.name).join(', ')}`);
  process.exit(1);
}
if (budgetKb !== null && total / 1000 > budgetKb) {
  console.error(`over the ${budgetKb} kB budget`);
  process.exit(1);
}
