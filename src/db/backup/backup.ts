import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { DatabaseHandle } from '../client.js';
import type { ReadTx } from '../tx.js';
import { quoteLiteral } from '../table-scope.js';
import { readCatalog } from './catalog.js';
import { CANONICAL_SETTINGS, copyOut, rawQuery } from './copy-stream.js';
import { checksumKeep, FORMAT, FORMAT_VERSION, lastMigration, LineHasher, planParts, type Manifest, type ManifestPart } from './parts.js';

export type BackupOptions = {
  centreId: string;
  outDir: string;
  appVersion: string;
  now: () => Date;
  onProgress?: (part: string, rows: number) => void;
};

export class BackupError extends Error {}

export const MANIFEST_FILE = 'manifest.json';

/**
 * Dump one centre into `outDir`: one gzip'd COPY text file per table, then
 * manifest.json (written last: a directory without it is an unfinished dump).
 * Everything is read in one REPEATABLE READ snapshot, so the files agree with
 * each other (entity_counts with entities, children with parents).
 */
export const backupCentre = async (handle: DatabaseHandle, options: BackupOptions): Promise<Manifest> => {
  if (existsSync(options.outDir) && readdirSync(options.outDir).length > 0) throw new BackupError(`${options.outDir} is not empty; back up into a new directory`);
  mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  return handle.db.transaction(
    async (dbTx) => {
      const tx = dbTx as unknown as ReadTx;
      for (const s of CANONICAL_SETTINGS) await rawQuery(tx, s);
      const centre = (await rawQuery(tx, `select id, name_zh, name_en from centres where id = ${quoteLiteral(options.centreId)}`))[0];
      if (!centre) throw new BackupError(`no centre ${options.centreId} in this database`);
      const catalog = await readCatalog(tx);
      const parts = planParts(catalog, options.centreId);
      const written: ManifestPart[] = [];
      for (const part of parts) {
        const file = `${part.name}.copy.gz`;
        const hasher = new LineHasher(checksumKeep(part));
        const fileHash = createHash('sha256');
        const tap = new Transform({
          transform(chunk: Buffer, _enc, done) {
            hasher.update(chunk);
            if (hasher.rows % 50_000 < 1000) options.onProgress?.(part.name, hasher.rows);
            done(null, chunk);
          },
        });
        const hashFile = new Transform({
          transform(chunk: Buffer, _enc, done) {
            fileHash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(copyOut(tx, { info: catalog.get(part.table)!, columns: part.columns, where: part.where, order: part.order }), tap, createGzip({ level: 3 }), hashFile, createWriteStream(join(options.outDir, file), { mode: 0o600 }));
        written.push({ name: part.name, table: part.table, mode: part.mode, file, rows: hasher.rows, columns: part.columns, checksumColumns: part.checksumColumns, fileSha256: fileHash.digest('hex'), checksum: hasher.digest() });
      }
      const version = (await rawQuery(tx, 'show server_version'))[0]?.['server_version'];
      const generated = [...catalog.values()].flatMap((t) => t.columns.filter((c) => c.generated).map((c) => `${t.name}.${c.name}`));
      const manifest: Manifest = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        appVersion: options.appVersion,
        createdAt: options.now().toISOString(),
        centre: { id: String(centre['id']), nameZh: String(centre['name_zh']), nameEn: String(centre['name_en']) },
        source: { engine: handle.kind, serverVersion: String(version) },
        migration: await lastMigration(tx),
        settings: CANONICAL_SETTINGS,
        notes: [
          `generated columns are not dumped; the database recomputes them on restore: ${generated.join(', ') || 'none'}`,
          'sessions are not dumped (global, secret); platform accounts (no centre) are dumped only when a row of the centre references them, in users.referenced',
          'audit_events: the checksum leaves out seq, prev_hash and hash, which the restoring database\'s chain re-assigns',
        ],
        parts: written,
      };
      writeFileSync(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
      return manifest;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
};
