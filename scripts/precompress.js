#!/usr/bin/env node
/**
 * Writes `.gz` and `.br` beside every .js, .css, .html, .svg and .json file
 * over 1 KB in a directory (recursively), for @fastify/static's preCompressed
 * option. A compressed copy that would not be smaller is not written.
 *
 *   node scripts/precompress.js dist/web
 */
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const MIN_BYTES = 1024;
const EXTENSIONS = /\.(js|mjs|css|html|svg|json)$/i;

const dir = resolve(process.argv[2] ?? 'dist/web');
if (!existsSync(dir) || !statSync(dir).isDirectory()) {
  console.error(`precompress: ${dir} is not a directory`);
  process.exit(1);
}

const files = [];
const walk = (d) => {
  for (const entry of readdirSync(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (EXTENSIONS.test(entry.name)) files.push(path);
  }
};
walk(dir);

let count = 0;
let rawBytes = 0;
let gzBytes = 0;
let brBytes = 0;
for (const file of files) {
  const data = readFileSync(file);
  // Stale copies from an earlier build would be served for the new file.
  for (const ext of ['.gz', '.br']) rmSync(file + ext, { force: true });
  if (data.length <= MIN_BYTES) continue;
  const gz = gzipSync(data, { level: 9 });
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
  if (gz.length < data.length) {
    writeFileSync(`${file}.gz`, gz);
    gzBytes += gz.length;
  }
  if (br.length < data.length) {
    writeFileSync(`${file}.br`, br);
    brBytes += br.length;
  }
  rawBytes += data.length;
  count += 1;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompress: ${count} of ${files.length} files in ${dir}: ${kb(rawBytes)} → gzip ${kb(gzBytes)}, brotli ${kb(brBytes)}`);
