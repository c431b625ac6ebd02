import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export * from './centre-package.js';
export * from './seed-centre.js';

/** seeds/ sits two levels above this folder in both src/db/seed and dist/db/seed. */
export const seedsFolder = fileURLToPath(new URL('../../../seeds', import.meta.url));

/** Every centre package shipped with KeChuang (folders of seeds/ with a centre.json). */
export const listShippedCentres = (): string[] =>
  existsSync(seedsFolder)
    ? readdirSync(seedsFolder, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(seedsFolder, d.name, 'centre.json')))
        .map((d) => join(seedsFolder, d.name))
    : [];
