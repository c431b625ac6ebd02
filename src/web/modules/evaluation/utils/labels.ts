import type { TFrameworkVersion } from '../../../../shared/schemas/evaluation.js';

/** A saved framework version as people refer to it: "ASEM, connectivity ×3 (asem v2)". */
export const frameworkLabel = (f: Pick<TFrameworkVersion, 'name' | 'key' | 'version'>): string => `${f.name} (${f.key} v${f.version})`;

/** The short form of an id shown on screen and in file names. */
export const shortId = (id: string): string => id.slice(0, 8);
