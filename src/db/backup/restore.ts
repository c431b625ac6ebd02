import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { appendAuditEvent, GENESIS_HASH, hashAuditRow, type Actor } from '../audit-log.js';
import type { DatabaseHandle } from '../client.js';
import { auditEvents } from '../schema/audit.js';
import { quoteIdent, quoteLiteral } from '../table-scope.js';
import type { ReadTx, WriteTx } from '../tx.js';
import { MANIFEST_FILE } from './backup.js';
import { readCatalog } from './catalog.js';
import { CANONICAL_SETTINGS, copyIn, copyOut, rawQuery } from './copy-stream.js';
import { checksumKeep, FORMAT, FORMAT_VERSION, lastMigration, LineHasher, planParts, type Manifest, type ManifestPart } from './parts.js';

export class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export type RestoreOptions = {
  dir: string;
  /** Delete the centre's current rows first (its audit events stay: the log is append-only). */
  replace: boolean;
  actor: Actor;
  now: () => Date;
  onProgress?: (step: string) => void;
};

export type RestoreReport = { centreId: string; parts: { name: string; rows: number; checksum: string }[]; auditEvents: number; replaced: boolean };

export const readManifest = (dir: string): Manifest => {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new RestoreRefused(`${path} not found: not a finished backup`, 2);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  if (manifest.format !== FORMAT || manifest.formatVersion !== FORMAT_VERSION) {
    throw new RestoreRefused(`unsupported backup format ${manifest.format} v${manifest.formatVersion} (this version reads ${FORMAT} v${FORMAT_VERSION})`, 2);
  }
  return manifest;
};

const fileStream = (dir: string, part: ManifestPart): Readable => createReadStream(join(dir, part.file)).pipe(createGunzip());

/** Check every file against the manifest (gzip bytes, row count, content checksum) before anything is written. */
export const verifyBackupFiles = async (dir: string, manifest: Manifest): Promise<string[]> => {
  const problems: string[] = [];
  for (const part of manifest.parts) {
    const path = join(dir, part.file);
    if (!existsSync(path)) {
      problems.push(`${part.file}: missing`);
      continue;
    }
    try {
      // The file's own hash first: a damaged file is named as such, not as a gzip error.
      const fileHash = createHash('sha256');
      for await (const chunk of createReadStream(path)) fileHash.update(chunk as Buffer);
      const fileSha = fileHash.digest('hex');
      if (fileSha !== part.fileSha256) {
        problems.push(`${part.file}: file SHA-256 ${fileSha} ≠ manifest ${part.fileSha256}`);
        continue;
      }
      const hasher = new LineHasher(checksumKeep(part));
      for await (const chunk of createReadStream(path).pipe(createGunzip())) hasher.update(chunk as Buffer);
      const checksum = hasher.digest();
      if (checksum !== part.checksum) problems.push(`${part.file}: content checksum differs from the manifest`);
      if (hasher.rows !== part.rows) problems.push(`${part.file}: ${hasher.rows} rows, manifest says ${part.rows}`);
    } catch (error) {
      problems.push(`${part.file}: unreadable (${(error as Error).message})`);
    }
  }
  return problems;
};

const first = async (tx: ReadTx, text: string): Promise<Record<string, unknown> | undefined> => (await rawQuery(tx, text))[0];

/** The canonical checksum of rows now in the database, by the same COPY text the dump hashed. */
const checksumRows = async (tx: ReadTx, catalog: Awaited<ReturnType<typeof readCatalog>>, part: { table: string; columns: string[]; where: string; order: string }): Promise<{ checksum: string; rows: number }> => {
  const hasher = new LineHasher(null);
  for await (const chunk of copyOut(tx, { info: catalog.get(part.table)!, columns: part.columns, where: part.where, order: part.order })) hasher.update(chunk);
  return { checksum: hasher.digest(), rows: hasher.rows };
};

/**
 * Restore one centre in one transaction: checks first (format, migration,
 * every file's checksums), then writes, then recomputes every table's
 * checksum inside the same transaction and rolls back on any difference.
 */
export const restoreCentre = async (handle: DatabaseHandle, options: RestoreOptions): Promise<RestoreReport> => {
  const manifest = readManifest(options.dir);
  const centreId = manifest.centre.id;
  const lit = quoteLiteral(centreId);
  const here = await lastMigration(handle.db as unknown as ReadTx).catch(() => ({ applied: 0, tag: null, hash: '' }));
  if (here.applied !== manifest.migration.applied || here.hash !== manifest.migration.hash) {
    throw new RestoreRefused(
      `the backup was made at migration ${manifest.migration.applied} (${manifest.migration.tag ?? manifest.migration.hash.slice(0, 12)}); this database is at ${here.applied} (${here.tag ?? (here.hash.slice(0, 12) || 'none')}). ` +
        'Restore into a database at the same migration: run the same KeChuang version (kechuang db migrate), restore, then upgrade.',
      2,
    );
  }
  options.onProgress?.('verifying files');
  const problems = await verifyBackupFiles(options.dir, manifest);
  if (problems.length) throw new RestoreRefused(`the backup does not match its manifest; nothing was written:\n  ${problems.join('\n  ')}`, 1);

  return handle.db.transaction(async (dbTx) => {
    const tx = dbTx as unknown as WriteTx;
    for (const s of CANONICAL_SETTINGS) await rawQuery(tx, s);
    const catalog = await readCatalog(tx);
    const parts = planParts(catalog, centreId);
    const planned = parts.map((p) => `${p.name}:${p.columns.join(',')}`).join(';');
    const dumped = manifest.parts.map((p) => `${p.name}:${p.columns.join(',')}`).join(';');
    if (planned !== dumped) throw new RestoreRefused('the backup\'s tables or columns differ from this database\'s although the migration matches; nothing was written', 2);

    const exists = await first(tx, `select 1 as x from centres where id = ${lit}`);
    if (exists && !options.replace) throw new RestoreRefused(`centre ${centreId} already exists here; add --centre-replace to replace it (its rows are deleted first)`, 2);
    // One lock for the whole restore: the audit chain is appended below, and nothing else may interleave.
    await rawQuery(tx, 'select pg_advisory_xact_lock(7305001)');
    const tablesWithTriggers = parts.filter((p) => p.mode === 'copy' && catalog.get(p.table)?.hasUserTriggers).map((p) => p.table);
    // Derived tables (entity_counts) are copied as dumped: the triggers that maintain them would count twice.
    for (const t of tablesWithTriggers) await rawQuery(tx, `ALTER TABLE ${quoteIdent(t)} DISABLE TRIGGER USER`);
    if (exists) {
      options.onProgress?.(`deleting centre ${centreId}`);
      for (const part of [...parts].reverse()) {
        if (part.mode !== 'copy') continue;
        await rawQuery(tx, `DELETE FROM ${quoteIdent(part.table)} t WHERE ${part.where}`);
      }
    }
    const startSeq = Number((await first(tx, 'select coalesce(max(seq), 0) as s from audit_events'))?.['s'] ?? 0);
    let auditCount = 0;
    for (const part of manifest.parts) {
      if (part.rows > 0) options.onProgress?.(`loading ${part.name} (${part.rows} rows)`);
      if (part.mode === 'copy') {
        await copyIn(tx, part.table, part.columns, fileStream(options.dir, part));
      } else if (part.mode === 'insert-missing') {
        await rawQuery(tx, `CREATE TEMP TABLE kc_restore_users (LIKE ${quoteIdent(part.table)}) ON COMMIT DROP`);
        await copyIn(tx, 'kc_restore_users', part.columns, fileStream(options.dir, part));
        const cols = part.columns.map(quoteIdent).join(', ');
        await rawQuery(tx, `INSERT INTO ${quoteIdent(part.table)} (${cols}) SELECT ${cols} FROM kc_restore_users s WHERE NOT EXISTS (SELECT 1 FROM ${quoteIdent(part.table)} u WHERE u.id = s.id)`);
      } else {
        auditCount = await rechainAudit(tx, options.dir, part);
      }
    }
    for (const t of tablesWithTriggers) await rawQuery(tx, `ALTER TABLE ${quoteIdent(t)} ENABLE TRIGGER USER`);
    await advanceIdentitySequences(tx, catalog, parts.map((p) => p.table));

    options.onProgress?.('checking');
    const mismatches: string[] = [];
    const report: RestoreReport['parts'] = [];
    for (const part of manifest.parts) {
      const plan = parts.find((p) => p.name === part.name)!;
      if (part.mode === 'insert-missing') {
        const ids = Number((await first(tx, `select count(*)::int as n from ${quoteIdent(part.table)} t where t.id in (select id from kc_restore_users)`))?.['n'] ?? 0);
        if (ids !== part.rows) mismatches.push(`${part.name}: ${ids} of ${part.rows} referenced accounts present`);
        report.push({ name: part.name, rows: ids, checksum: '(rows present by id)' });
        continue;
      }
      const where = part.mode === 'audit' ? `${plan.where} AND t.seq > ${startSeq}` : plan.where;
      const got = await checksumRows(tx, catalog, { table: part.table, columns: part.checksumColumns, where, order: plan.order });
      if (got.checksum !== part.checksum || got.rows !== part.rows) mismatches.push(`${part.name}: ${got.rows} rows, checksum ${got.checksum.slice(0, 16)}… ≠ backup ${part.rows} rows ${part.checksum.slice(0, 16)}…`);
      report.push({ name: part.name, ...got });
    }
    const countDiff = await first(
      tx,
      `select count(*)::int as n from (
         select category, coalesce(kind, '') as kind, coalesce(area_id, '') as area_id, count(*)::int as n from entities where centre_id = ${lit} and status = 'active' group by 1, 2, 3
       ) e full join (select category, kind, area_id, n from entity_counts where centre_id = ${lit} and n <> 0) c using (category, kind, area_id)
       where e.n is distinct from c.n`,
    );
    if (Number(countDiff?.['n'] ?? 0) > 0) mismatches.push(`entity_counts disagrees with entities in ${countDiff?.['n']} group(s)`);
    if (mismatches.length) throw new RestoreRefused(`restored data differs from the backup; rolled back, nothing was written:\n  ${mismatches.join('\n  ')}`, 1);

    await appendAuditEvent(tx, {
      actor: options.actor,
      at: options.now(),
      action: exists ? 'centre.restore_replace' : 'centre.restore',
      entityType: 'centre',
      entityId: centreId,
      centreId,
      before: null,
      after: {
        backupCreatedAt: manifest.createdAt,
        backupAppVersion: manifest.appVersion,
        source: manifest.source,
        migration: manifest.migration.tag,
        auditEventsReappended: auditCount,
        firstReappendedSeq: auditCount ? startSeq + 1 : null,
        tables: Object.fromEntries(manifest.parts.map((p) => [p.name, { rows: p.rows, checksum: p.checksum }])),
      },
    });
    return { centreId, parts: report, auditEvents: auditCount, replaced: Boolean(exists) };
  });
};

/**
 * The log is one hash chain for the whole database, so a centre's events
 * cannot keep their seq and links in a database that holds other centres.
 * Each event is checked against its original hash (its content is what was
 * recorded), then appended to this chain with the same content, in the same
 * order, under a new seq and hash. `kechuang audit verify` then passes.
 */
const rechainAudit = async (tx: WriteTx, dir: string, part: ManifestPart): Promise<number> => {
  await rawQuery(tx, 'CREATE TEMP TABLE kc_restore_audit (LIKE audit_events) ON COMMIT DROP');
  await copyIn(tx, 'kc_restore_audit', part.columns, fileStream(dir, part));
  const last = await first(tx, 'select seq, hash from audit_events order by seq desc limit 1');
  let seq = Number(last?.['seq'] ?? 0);
  let prevHash = String(last?.['hash'] ?? GENESIS_HASH);
  let after = 0;
  let count = 0;
  for (;;) {
    const page = (await tx.execute(
      sql`select seq::bigint as seq, at, actor_id, actor_label, action, entity_type, entity_id, centre_id, before, after, request_id, prev_hash, hash from kc_restore_audit where seq > ${after} order by seq limit 2000`,
    )) as unknown as { rows: Record<string, unknown>[] };
    if (page.rows.length === 0) break;
    const batch: (typeof auditEvents.$inferInsert)[] = [];
    for (const r of page.rows) {
      const content = {
        at: String(r['at']),
        actorId: (r['actor_id'] as string | null) ?? null,
        actorLabel: String(r['actor_label']),
        action: String(r['action']),
        entityType: String(r['entity_type']),
        entityId: String(r['entity_id']),
        centreId: (r['centre_id'] as string | null) ?? null,
        before: r['before'] ?? null,
        after: r['after'] ?? null,
        requestId: (r['request_id'] as string | null) ?? null,
      };
      const originalSeq = Number(r['seq']);
      if (hashAuditRow(String(r['prev_hash']), { seq: originalSeq, ...content }) !== r['hash']) {
        throw new RestoreRefused(`audit event ${originalSeq} in the backup does not match its own hash; nothing was written`, 1);
      }
      seq += 1;
      const hash = hashAuditRow(prevHash, { seq, ...content });
      batch.push({ seq, ...content, prevHash, hash });
      prevHash = hash;
      after = originalSeq;
      count++;
    }
    await tx.insert(auditEvents).values(batch);
  }
  return count;
};

const advanceIdentitySequences = async (tx: WriteTx, catalog: Awaited<ReturnType<typeof readCatalog>>, tables: string[]): Promise<void> => {
  for (const table of new Set(tables)) {
    for (const c of catalog.get(table)?.columns.filter((x) => x.identity) ?? []) {
      const seqName = (await first(tx, `select pg_get_serial_sequence(${quoteLiteral(quoteIdent(table))}, ${quoteLiteral(c.name)}) as s`))?.['s'];
      if (!seqName) continue;
      // Never move a sequence backwards: other centres' rows share it.
      await rawQuery(tx, `select setval(${quoteLiteral(String(seqName))}, greatest((select coalesce(max(${quoteIdent(c.name)}), 1) from ${quoteIdent(table)}), (select last_value from ${String(seqName)})))`);
    }
  }
};
