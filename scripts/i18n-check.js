#!/usr/bin/env node
/**
 * Checks the web app's message catalogs. Fails (exit 1) when:
 *   - a key is in one catalog but not the other, or a message is empty;
 *   - the two languages of a message use different {placeholders};
 *   - an error code in src/shared/errors.ts (ERROR_CODES) has no `error.<CODE>`;
 *   - the web code calls t('some.key') with a key the catalogs lack.
 * Keys built at run time (error codes, roles, categories…) are checked by the
 * compiler instead (src/web/i18n/keys.ts).
 *
 *   node scripts/i18n-check.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'src', 'web');
const localesDir = join(webDir, 'i18n', 'locales');
const SOURCE_LOCALE = 'zh-CN';

const problems = [];
const problem = (message) => problems.push(message);

const catalogs = Object.fromEntries(
  readdirSync(localesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(localesDir, f), 'utf8'))]),
);
const source = catalogs[SOURCE_LOCALE];
if (!source) {
  console.error(`i18n-check: no ${SOURCE_LOCALE}.json in ${relative(root, localesDir)}`);
  process.exit(1);
}
const locales = Object.keys(catalogs);
const allKeys = new Set(locales.flatMap((l) => Object.keys(catalogs[l])));

// 1. Same keys everywhere, no empty messages, same placeholders.
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const key of allKeys) {
  for (const locale of locales) {
    const text = catalogs[locale][key];
    if (text === undefined) problem(`${locale}: missing key "${key}"`);
    else if (typeof text !== 'string' || text.trim() === '') problem(`${locale}: empty message for "${key}"`);
  }
  const reference = source[key];
  if (reference === undefined) continue;
  for (const locale of locales) {
    const text = catalogs[locale][key];
    if (typeof text === 'string' && placeholders(text) !== placeholders(reference)) {
      problem(`${locale}: "${key}" uses {${placeholders(text)}} but ${SOURCE_LOCALE} uses {${placeholders(reference)}}`);
    }
  }
}

// 2. Every error code is translated.
const errorsTs = readFileSync(join(root, 'src', 'shared', 'errors.ts'), 'utf8');
const codesBlock = /ERROR_CODES\s*=\s*\[([\s\S]*?)\]/.exec(errorsTs);
if (!codesBlock) problem('src/shared/errors.ts: could not find ERROR_CODES');
const codes = codesBlock ? [...codesBlock[1].matchAll(/'([A-Z0-9_]+)'|"([A-Z0-9_]+)"/g)].map((m) => m[1] ?? m[2]) : [];
if (codesBlock && codes.length === 0) problem('src/shared/errors.ts: ERROR_CODES is empty?');
for (const code of codes) {
  for (const locale of locales) {
    if (catalogs[locale][`error.${code}`] === undefined) problem(`${locale}: error code ${code} has no "error.${code}"`);
  }
}

// 3. Every literal key the web code passes to t() exists.
const sourceFiles = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) sourceFiles.push(path);
  }
};
walk(webDir);
// t('key'), t("key"), t(`key`) without interpolation; not import(…), test(…), get(…).
const CALL = /(?<![\w$.])t\(\s*(?:'([^'\n]+)'|"([^"\n]+)"|`([^`$\n]+)`)/g;
let used = 0;
for (const file of sourceFiles) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(CALL)) {
    const key = match[1] ?? match[2] ?? match[3];
    used += 1;
    if (!allKeys.has(key)) {
      const line = text.slice(0, match.index).split('\n').length;
      problem(`${relative(root, file)}:${line}: t('${key}') is not in the catalogs`);
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`i18n-check: ${p}`);
  console.error(`i18n-check: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(
  `i18n-check: ok (${allKeys.size} keys in ${locales.join(', ')}; ${codes.length} error codes; ${used} t() calls in ${sourceFiles.length} files)`,
);
