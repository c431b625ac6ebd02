import { backupCentre, BackupError } from '../../db/backup/backup.js';
import { restoreCentre, RestoreRefused } from '../../db/backup/restore.js';
import type { DatabaseHandle } from '../../db/client.js';

type Io = { out: (line: string) => void; err: (line: string) => void };
type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** `kechuang backup --out DIR [--centre CODE]`: one centre, every table, checksummed. */
export const backupCommand = async (
  withDatabase: WithDatabase,
  pickCentre: (handle: DatabaseHandle, named: string | undefined) => Promise<string>,
  args: { out: string | undefined; centre: string | undefined; appVersion: string },
  io: Io,
): Promise<number> => {
  if (!args.out) {
    io.err('usage: kechuang backup --out DIR [--centre CODE]');
    return 2;
  }
  const started = performance.now();
  try {
    const manifest = await withDatabase(async (handle) =>
      backupCentre(handle, {
        centreId: await pickCentre(handle, args.centre),
        outDir: args.out as string,
        appVersion: args.appVersion,
        now: () => new Date(),
        onProgress: (part, rows) => {
          if (process.stderr.isTTY) process.stderr.write(`\r\x1b[Kbackup: ${part} ${rows}`);
        },
      }),
    );
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const rows = manifest.parts.reduce((n, p) => n + p.rows, 0);
    io.out(`backed up centre ${manifest.centre.id}: ${manifest.parts.length} files, ${rows} rows, migration ${manifest.migration.tag ?? manifest.migration.applied} → ${args.out} in ${Math.round(performance.now() - started)} ms`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
};

/** `kechuang restore DIR [--centre-replace]`: verify, load in one transaction, verify again, audit. */
export const restoreCommand = async (withDatabase: WithDatabase, args: { dir: string | undefined; replace: boolean }, io: Io): Promise<number> => {
  if (!args.dir) {
    io.err('usage: kechuang restore DIR [--centre-replace]');
    return 2;
  }
  const started = performance.now();
  try {
    const report = await withDatabase((handle) =>
      restoreCentre(handle, {
        dir: args.dir as string,
        replace: args.replace,
        actor: { kind: 'system', label: 'cli:restore' },
        now: () => new Date(),
        onProgress: (step) => io.err(`restore: ${step}`),
      }),
    );
    const rows = report.parts.reduce((n, p) => n + p.rows, 0);
    io.out(`restored centre ${report.centreId}${report.replaced ? ' (replaced)' : ''}: ${report.parts.length} files, ${rows} rows, every checksum matches; ${report.auditEvents} audit events re-appended to this database's chain; ${Math.round(performance.now() - started)} ms`);
    return 0;
  } catch (error) {
    if (error instanceof RestoreRefused) {
      io.err(`restore refused: ${error.message}`);
      return error.exitCode;
    }
    // A database error (a username already taken by another account, a row pointing at another centre):
    // the transaction rolled back, so nothing was written.
    const e = error as { code?: unknown; cause?: { code?: unknown; message?: string } };
    const code = e.code ?? e.cause?.code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      io.err(`restore failed and was rolled back, nothing was written: ${e.cause?.message ?? (error as Error).message} (SQLSTATE ${code})`);
      return 1;
    }
    throw error;
  }
};
