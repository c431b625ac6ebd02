import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { acquireDirLock, DataDirLockedError } from './lock.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'kc-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('data directory lock', () => {
  test('a second holder gets a clear error naming the first, until it releases', () => {
    const path = join(tempDir(), 'kechuang.lock');
    // Simulate another live process: our parent is alive and is not us.
    writeFileSync(path, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'x' }));
    expect(() => acquireDirLock(path)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(path)).toThrow(new RegExp(`pid ${process.ppid}`));
    rmSync(path);
    const lock = acquireDirLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  test('a lock left by a dead process is taken over', () => {
    const path = join(tempDir(), 'kechuang.lock');
    writeFileSync(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: 'x' }));
    const lock = acquireDirLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  test('a lock held by another host is respected (shared volumes)', () => {
    const path = join(tempDir(), 'kechuang.lock');
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'another-host', startedAt: 'x' }));
    expect(() => acquireDirLock(path)).toThrow(/another-host/);
  });
});
