/**
 * The process the crash suite kills (see crash-harness.ts): the real app on
 * the database named by DATABASE_URL or KECHUANG_DATA_DIR, driven through its
 * own routes, printing one line per committed step so the killer knows work is
 * under way. It never stops by itself; it ends by SIGKILL.
 *   workflow  raise demands and take each through accept → start → resolve → confirm
 *             (each transition: the case row, its event, notifications, audit, one transaction)
 *   index     run the scheduled jobs (derived figures: one transaction over every derivation),
 *             then store evaluation runs of the ASEM example one after another
 */
import type { InjectOptions } from 'fastify';
import { ASEM_IDATA, ASEM_IMETA, ASEM_PIPELINE } from '../../../core/evaluation/fixtures/asem.js';
import { openDatabase } from '../../../db/client.js';
import { buildApp } from '../../app.js';
import { databaseTarget } from '../../bootstrap.js';
import { parseConfig } from '../../config.js';
import { runScheduledJobs } from '../../jobs.js';
import { CRASH_ADMIN, CRASH_ANALYST, CRASH_ENTERPRISE } from './crash-harness.js';

const mode = process.argv[2];
const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent', JOBS_INTERVAL_SECONDS: '0' } as Record<string, string>, { webRoot: null });
const database = await openDatabase(databaseTarget(config));
const app = await buildApp({ config, database, now: () => new Date(), sessionKey: Buffer.from('crash-child-session-key-crash-child') }, { logger: false });
await app.ready();

type Session = { cookie: string; csrf: string };
const login = async (username: string, password: string): Promise<Session> => {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const raw = res.headers['set-cookie'];
  return { cookie: String(Array.isArray(raw) ? raw[0] : raw).split(';')[0] as string, csrf: (res.json() as { csrfToken: string }).csrfToken };
};
const call = async (session: Session, opts: InjectOptions, expected: number[] = [200, 201]) => {
  const res = await app.inject({ ...opts, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } } as InjectOptions);
  if (!expected.includes(res.statusCode)) throw new Error(`${opts.method} ${opts.url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
};
const C = '/api/centres/beijing';
const say = (line: string) => process.stdout.write(`${line}\n`);

if (mode === 'workflow') {
  const officer = await login(CRASH_ADMIN.username, CRASH_ADMIN.password);
  const enterprise = await login(CRASH_ENTERPRISE.username, CRASH_ENTERPRISE.password);
  say('ready');
  for (let i = 0; ; i++) {
    const d = await call(enterprise, { method: 'POST', url: `${C}/demands`, payload: { type: 'financing', title: `合成崩溃测试诉求 Synthetic crash demand ${i}`, description: '合成数据 Synthetic' } });
    const id = d['id'] as string;
    for (const [session, action, note] of [
      [officer, 'accept', null],
      [officer, 'start', null],
      [officer, 'resolve', '合成：已解决 Synthetic: resolved'],
      [enterprise, 'confirm', null],
    ] as const) {
      await call(session, { method: 'POST', url: `${C}/demands/${id}/transitions`, payload: { action, note } });
      say(`transition ${i} ${action}`);
    }
  }
} else if (mode === 'index') {
  const analyst = await login(CRASH_ANALYST.username, CRASH_ANALYST.password);
  say('ready');
  await runScheduledJobs({ database, config }, new Date());
  say('jobs done');
  const dataset = await call(analyst, { method: 'POST', url: `${C}/evaluation/datasets`, payload: { name: 'ASEM (COINr example data)', isExample: true, data: ASEM_IDATA, meta: ASEM_IMETA } });
  for (let i = 0; ; i++) {
    await call(analyst, { method: 'POST', url: `${C}/evaluation/runs`, payload: { datasetId: dataset['id'], pipeline: ASEM_PIPELINE } });
    say(`run ${i}`);
  }
} else {
  process.stderr.write('usage: crash-child.ts workflow|index\n');
  process.exit(2);
}
