#!/usr/bin/env node
// The `kechuang` command. Runs the compiled build (dist/) when present, the
// TypeScript sources through tsx otherwise (a fresh clone before `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/server/cli/main.js', import.meta.url));
if (existsSync(compiled) && process.env.KECHUANG_FROM_SOURCE !== '1') {
  const { run } = await import(compiled);
  await run();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/server/cli/main.ts');
  await run();
}
