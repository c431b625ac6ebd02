import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data directory lose
 * writes silently. This file lock refuses the second process with a clear
 * error; a lock left by a dead process on this host is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid: number,
    readonly holderHost: string,
  ) {
    super(
      `The data directory is in use by another KeChuang process (pid ${holderPid} on ${holderHost}); ` +
        `stop that process first, or point KECHUANG_DATA_DIR at another directory. Lock file: ${lockPath}`,
    );
    this.name = 'DataDirLockedError';
  }
}

type LockInfo = { pid: number; host: string; startedAt: string };

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readLock = (path: string): LockInfo | null => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
  } catch {
    return null;
  }
};

export type DirLock = { path: string; release: () => void };

export const acquireDirLock = (lockPath: string): DirLock => {
  mkdirSync(dirname(lockPath), { recursive: true });
  const me: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release: () => {
          if (released) return;
          released = true;
          const current = readLock(lockPath);
          if (current?.pid === me.pid && current.host === me.host) unlinkSync(lockPath);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(lockPath);
      const stale = holder === null || (holder.host === me.host && holder.pid !== me.pid && !isAlive(holder.pid));
      if (!stale) throw new DataDirLockedError(lockPath, holder.pid, holder.host);
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not acquire ${lockPath}`);
};
