import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The layer rules of docs/ARCHITECTURE.md, checked on the source text.
 * TypeScript project references already refuse cross-layer relative imports
 * (rootDir); this adds what the compiler cannot see: which packages a layer
 * may import, and that core stays pure (no clock, no randomness, no I/O).
 */
const src = fileURLToPath(new URL('..', import.meta.url));

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });

const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);

const layerOf = (file: string, spec: string): string | null => {
  if (!spec.startsWith('.')) return null;
  const target = relative(src, join(file, '..', spec));
  return target.split('/')[0] ?? null;
};

const violations = (layer: string, check: (file: string, spec: string) => string | null): string[] =>
  walk(join(src, layer))
    .filter((f) => !f.endsWith('.test.ts') && !f.includes('/test-support/'))
    .flatMap((file) => importsOf(file).map((spec) => check(file, spec)).filter((v): v is string => v !== null).map((v) => `${relative(src, file)}: ${v}`));

describe('layer rules', () => {
  test('shared imports only zod and itself', () => {
    expect(violations('shared', (f, s) => (s === 'zod' || layerOf(f, s) === 'shared' ? null : `imports ${s}`))).toEqual([]);
  });

  test('core imports only shared and itself, and uses no clock, randomness or I/O', () => {
    expect(violations('core', (f, s) => (['core', 'shared'].includes(layerOf(f, s) ?? '') ? null : `imports ${s}`))).toEqual([]);
    const impure = walk(join(src, 'core'))
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => /Date\.now\(|new Date\(\)|Math\.random\(|process\.|fetch\(/.test(readFileSync(f, 'utf8')));
    expect(impure.map((f) => relative(src, f))).toEqual([]);
  });

  test('db imports shared, itself and database packages; never server or web', () => {
    const allowedPackages = /^(drizzle-orm|@electric-sql\/pglite|pg|zod|node:|@node-rs\/jieba|pinyin-pro)/;
    expect(violations('db', (f, s) => (allowedPackages.test(s) || ['db', 'shared'].includes(layerOf(f, s) ?? '') ? null : `imports ${s}`))).toEqual([]);
  });

  test('web never imports db or server (shared schemas and pure core functions only)', () => {
    expect(violations('web', (f, s) => (['db', 'server'].includes(layerOf(f, s) ?? '') ? `imports ${s}` : null))).toEqual([]);
  });

  test('services and repositories never import fastify: only routes and plugins do', () => {
    const offenders = walk(join(src, 'server'))
      .filter((f) => /\.(service|repository|policy)\.ts$/.test(f))
      .filter((f) => importsOf(f).some((s) => s === 'fastify' || s.startsWith('@fastify/') || s.startsWith('fastify-')));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });

  test('route handlers hold no SQL', () => {
    const offenders = walk(join(src, 'server')).filter((f) => f.endsWith('.routes.ts') && /drizzle-orm|\bsql`/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });

  test('nothing in the server reads process.env but the CLI entry, which hands it to parseConfig', () => {
    const offenders = walk(join(src, 'server'))
      .filter((f) => !f.endsWith('.test.ts') && !f.includes('test-support') && !f.endsWith('cli/main.ts'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(src, f))).toEqual([]);
  });
});
