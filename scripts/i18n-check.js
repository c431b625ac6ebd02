#!/usr/bin/env node
/**
 * Checks the web app's message catalogs, src/web/i18n/locales/<locale>/<namespace>.json.
 * Fails (exit 1) when:
 *   - a language lacks a namespace file another has, a key is in one language
 *     but not the other (or in another namespace there), or a message is empty;
 *   - a key is defined in more than one namespace;
 *   - the two languages of a message use different {placeholders};
 *   - an error code in src/shared/errors.ts (ERROR_CODES) has no `error.<CODE>`;
 *   - the web code calls t('some.key') with a key the catalogs lack;
 *   - code uses a key from a namespace that is not loaded where it runs: the
 *     first page (main.tsx and what it imports) has `core` only; a lazy page
 *     or dialog has `core` plus the namespaces its `lazyWithMessages(…, […])`
 *     lists, plus those of the page it opens in. A "use" is a string literal
 *     equal to a key, a template literal `prefix.${…}`, or a key builder from
 *     src/web/i18n/keys.ts (kindKey(…) uses every `kind.*` key).
 * Keys built at run time (error codes, roles, categories…) are checked by the
 * compiler instead (src/web/i18n/keys.ts).
 *
 *   node scripts/i18n-check.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const webDir = join(root, 'src', 'web');
const i18nDir = join(webDir, 'i18n');
const localesDir = join(i18nDir, 'locales');
const SOURCE_LOCALE = 'zh-CN';
const CORE = 'core';

const problems = [];
const problem = (message) => problems.push(message);
const rel = (path) => relative(root, path);

// ---------------------------------------------------------------------------
// Catalogs: catalogs[locale][namespace] = messages; merged[locale] = all of them.

const locales = readdirSync(localesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
if (!locales.includes(SOURCE_LOCALE)) {
  console.error(`i18n-check: no ${SOURCE_LOCALE}/ in ${rel(localesDir)}`);
  process.exit(1);
}
const catalogs = Object.fromEntries(
  locales.map((locale) => [
    locale,
    Object.fromEntries(
      readdirSync(join(localesDir, locale))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(localesDir, locale, f), 'utf8'))]),
    ),
  ]),
);
const namespaces = [...new Set(locales.flatMap((l) => Object.keys(catalogs[l])))].sort();
if (!namespaces.includes(CORE)) problem(`no ${CORE}.json namespace`);
for (const locale of locales) {
  for (const ns of namespaces) if (!catalogs[locale][ns]) problem(`${locale}: no ${ns}.json (other languages have it)`);
}

// 1. A key is defined in exactly one namespace (per language).
/** namespaceOf[locale].get(key) = namespace */
const namespaceOf = {};
for (const locale of locales) {
  const map = new Map();
  for (const [ns, messages] of Object.entries(catalogs[locale])) {
    for (const key of Object.keys(messages)) {
      if (map.has(key)) problem(`${locale}: "${key}" is defined in both ${map.get(key)}.json and ${ns}.json`);
      else map.set(key, ns);
    }
  }
  namespaceOf[locale] = map;
}
const merged = Object.fromEntries(locales.map((l) => [l, Object.assign({}, ...Object.values(catalogs[l]))]));
const source = merged[SOURCE_LOCALE];
const allKeys = new Set(locales.flatMap((l) => Object.keys(merged[l])));
/** The namespace a key lives in (as the source language has it). */
const nsOf = (key) => namespaceOf[SOURCE_LOCALE].get(key) ?? namespaceOf[locales.find((l) => namespaceOf[l].has(key))]?.get(key);

// 2. Same keys in the same namespace everywhere, no empty messages, same placeholders.
const placeholders = (text) => [...String(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
for (const key of allKeys) {
  const home = nsOf(key);
  for (const locale of locales) {
    const text = merged[locale][key];
    if (text === undefined) problem(`${locale}: missing key "${key}" (${home}.json)`);
    else if (typeof text !== 'string' || text.trim() === '') problem(`${locale}: empty message for "${key}"`);
    else if (namespaceOf[locale].get(key) !== home) problem(`${locale}: "${key}" is in ${namespaceOf[locale].get(key)}.json, ${SOURCE_LOCALE} has it in ${home}.json`);
  }
  const reference = source[key];
  if (reference === undefined) continue;
  for (const locale of locales) {
    const text = merged[locale][key];
    if (typeof text === 'string' && placeholders(text) !== placeholders(reference)) {
      problem(`${locale}: "${key}" uses {${placeholders(text)}} but ${SOURCE_LOCALE} uses {${placeholders(reference)}}`);
    }
  }
}

// 3. Every error code is translated.
const errorsTs = readFileSync(join(root, 'src', 'shared', 'errors.ts'), 'utf8');
const codesBlock = /ERROR_CODES\s*=\s*\[([\s\S]*?)\]/.exec(errorsTs);
if (!codesBlock) problem('src/shared/errors.ts: could not find ERROR_CODES');
const codes = codesBlock ? [...codesBlock[1].matchAll(/'([A-Z0-9_]+)'|"([A-Z0-9_]+)"/g)].map((m) => m[1] ?? m[2]) : [];
if (codesBlock && codes.length === 0) problem('src/shared/errors.ts: ERROR_CODES is empty?');
for (const code of codes) {
  for (const locale of locales) {
    if (merged[locale][`error.${code}`] === undefined) problem(`${locale}: error code ${code} has no "error.${code}"`);
  }
}

// ---------------------------------------------------------------------------
// The web code.

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
const texts = new Map(sourceFiles.map((f) => [f, readFileSync(f, 'utf8')]));
const keysTs = join(i18nDir, 'keys.ts');
const lazyTs = join(i18nDir, 'lazy.ts');

// Key builders in keys.ts: `export const kindKey = (…) … => `kind.${k}`` uses every `kind.*` key.
const builders = new Map(
  [...texts.get(keysTs).matchAll(/export const (\w+)\s*=\s*\([^)]*\)[^=]*=>\s*`([\w.]+\.)\$\{/g)].map((m) => [m[1], m[2]]),
);
if (builders.size === 0) problem(`${rel(keysTs)}: found no key builders (errorKey, kindKey…)?`);

const resolveImport = (from, spec) => {
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (texts.has(candidate)) return candidate;
  }
  return null; // outside src/web (shared, core), JSON, CSS
};

/**
 * One pass over each file's syntax tree: its imports (static, dynamic, and
 * lazyWithMessages boundaries with their namespaces), its t('…') literals,
 * and the keys it uses (string literals equal to a key, `prefix.${…}`
 * templates, key builders).
 */
const scan = (file, text) => {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const imports = []; // { spec, dynamic }
  const lazies = []; // { spec | loaderName, namespaces, line }
  const loaderVars = new Map(); // const loadX = () => import('…')
  const tCalls = []; // { key, line }
  const uses = new Map(); // key or 'prefix.*' → first line
  const use = (what, node) => {
    if (!uses.has(what)) uses.set(what, line(node));
  };
  const importSpecOf = (node) =>
    node && ts.isArrowFunction(node) && ts.isCallExpression(node.body) && node.body.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteralLike(node.body.arguments[0])
      ? node.body.arguments[0].text
      : null;
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly)) imports.push({ spec: node.moduleSpecifier.text, dynamic: false });
      return; // the specifier is no message key
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const spec = importSpecOf(node.initializer);
      if (spec) loaderVars.set(node.name.text, spec);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const [first] = node.arguments;
      if (callee.kind === ts.SyntaxKind.ImportKeyword && first && ts.isStringLiteralLike(first)) {
        imports.push({ spec: first.text, dynamic: true });
        return;
      }
      if (ts.isIdentifier(callee)) {
        if (callee.text === 't' && first && ts.isStringLiteralLike(first)) tCalls.push({ key: first.text, line: line(first) });
        if (builders.has(callee.text)) use(`${builders.get(callee.text)}*`, node);
        if (callee.text === 'lazyWithMessages' && file !== lazyTs) {
          const [load, , list] = node.arguments;
          const spec = importSpecOf(load);
          const loaderName = !spec && load && ts.isIdentifier(load) ? load.text : null;
          const names = list && ts.isArrayLiteralExpression(list) && list.elements.every((e) => ts.isStringLiteralLike(e)) ? list.elements.map((e) => e.text) : null;
          if ((!spec && !loaderName) || !names) {
            problem(`${rel(file)}:${line(node)}: write lazyWithMessages(() => import('…'), 'Name', ['namespace', …]) so this check can read it`);
          } else lazies.push({ spec, loaderName, namespaces: names, line: line(node) });
        }
      }
    }
    if (ts.isStringLiteralLike(node) && allKeys.has(node.text)) use(node.text, node);
    if (ts.isTemplateExpression(node) && /^[A-Za-z][\w.]*\.$/.test(node.head.text) && [...allKeys].some((k) => k.startsWith(node.head.text))) {
      use(`${node.head.text}*`, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const lazy of lazies) {
    if (!lazy.spec) lazy.spec = loaderVars.get(lazy.loaderName) ?? null;
    if (!lazy.spec) problem(`${rel(file)}:${lazy.line}: lazyWithMessages(${lazy.loaderName}, …): no "const ${lazy.loaderName} = () => import('…')" in this file`);
  }
  return { imports, lazies, tCalls, uses: file === keysTs ? new Map() : uses };
};
const scanned = new Map([...texts].map(([file, text]) => [file, scan(file, text)]));

// 4. Every literal key the web code passes to t() exists.
let used = 0;
for (const [file, { tCalls }] of scanned) {
  for (const { key, line } of tCalls) {
    used += 1;
    if (!allKeys.has(key)) problem(`${rel(file)}:${line}: t('${key}') is not in the catalogs`);
  }
}

// 5. Code uses only keys from the namespaces loaded where it runs.
/** The namespaces a use needs: a key's own, or those of every key in a family. */
const namespacesFor = (use) =>
  use.endsWith('*') ? new Set([...allKeys].filter((k) => k.startsWith(use.slice(0, -1))).map(nsOf)) : new Set([nsOf(use)]);

/** edges.get(file) = [{ to, namespaces: null (those of the importer) | [...] (a lazyWithMessages boundary: added) }] */
const edges = new Map();
let boundaries = 0;
for (const [file, { imports, lazies }] of scanned) {
  const boundaryNamespaces = new Map();
  for (const lazy of lazies) {
    if (!lazy.spec) continue;
    const target = resolveImport(file, lazy.spec);
    if (!target) {
      problem(`${rel(file)}:${lazy.line}: lazyWithMessages: cannot resolve '${lazy.spec}'`);
      continue;
    }
    for (const ns of lazy.namespaces) if (!namespaces.includes(ns)) problem(`${rel(file)}:${lazy.line}: lazyWithMessages lists "${ns}", which is no namespace`);
    boundaryNamespaces.set(target, [...(boundaryNamespaces.get(target) ?? []), ...lazy.namespaces]);
    boundaries += 1;
  }
  const list = [];
  for (const { spec, dynamic } of imports) {
    if (!spec.startsWith('.')) continue;
    const target = resolveImport(file, spec);
    if (!target) continue;
    list.push({ to: target, namespaces: dynamic && boundaryNamespaces.has(target) ? boundaryNamespaces.get(target) : null });
  }
  edges.set(file, list);
}

// Walk from the entry: each file with the namespaces loaded wherever it can run, and how it got there.
const entry = join(webDir, 'main.tsx');
const seen = new Set();
const queue = [{ file: entry, allowed: [CORE], via: [] }];
const reported = new Set();
while (queue.length > 0) {
  const { file, allowed, via } = queue.shift();
  const state = `${file}|${allowed.join(',')}`;
  if (seen.has(state)) continue;
  seen.add(state);
  for (const [use, line] of scanned.get(file)?.uses ?? []) {
    const missing = [...namespacesFor(use)].filter((ns) => !allowed.includes(ns));
    if (missing.length === 0) continue;
    const id = `${file}|${use}|${via.join('>')}`;
    if (reported.has(id)) continue;
    reported.add(id);
    const where = via.length > 0 ? `opened by ${via.map(rel).join(' → ')}, which loads ${allowed.join(', ')}` : `on the first page, which loads ${CORE} only`;
    problem(`${rel(file)}:${line}: uses "${use}" from ${missing.join(', ')}, not loaded here (${where}); add it to the lazyWithMessages(…) namespaces or move the key`);
  }
  for (const edge of edges.get(file) ?? []) {
    if (edge.namespaces) {
      const next = [...new Set([...allowed, ...edge.namespaces])].sort((a, b) => (a === CORE ? -1 : b === CORE ? 1 : a.localeCompare(b)));
      queue.push({ file: edge.to, allowed: next, via: [...via, edge.to] });
    } else queue.push({ file: edge.to, allowed, via });
  }
}
const reached = new Set([...seen].map((s) => s.split('|')[0]));
const unreached = sourceFiles.filter((f) => !reached.has(f) && !f.includes(`${join('src', 'web', 'test-support')}`) && !f.includes(join('src', 'web', 'tools')));

if (problems.length > 0) {
  for (const p of problems) console.error(`i18n-check: ${p}`);
  console.error(`i18n-check: ${problems.length} problem(s)`);
  process.exit(1);
}
const counts = namespaces.map((ns) => `${ns} ${Object.keys(catalogs[SOURCE_LOCALE][ns] ?? {}).length}`).join(', ');
console.log(
  `i18n-check: ok (${allKeys.size} keys in ${locales.join(', ')}: ${counts}; ${codes.length} error codes; ${used} t() calls in ${sourceFiles.length} files; ${boundaries} lazy boundaries)`,
);
if (unreached.length > 0) console.log(`i18n-check: not reached from main.tsx, namespaces unchecked: ${unreached.map(rel).join(', ')}`);
