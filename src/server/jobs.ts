import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { centres } from '../db/schema/index.js';
import type { AppDeps, ServiceContext } from './context.js';
import { sendScheduledNotices, type NoticeReport } from './modules/calls/scheduled-notices.service.js';
import { refreshDerivedFigures, type DerivationReport } from './modules/indicators/derived-figures.service.js';
import { runServiceJobs, type ServiceJobReport } from './modules/services/services.jobs.js';

/**
 * Work done by the clock rather than by a request: for each centre, the calls
 * engine's scheduled notices (closing at deadline, reminders, digests) and the
 * figures derived from the platform's records, and the service cases' ladder
 * (reminders, escalations, automatic confirmation, check-ins due). Each part is idempotent, so a
 * second run, or a second server doing the same, changes nothing.
 */
export type JobsReport = { centreId: string; notices: NoticeReport | null; derived: DerivationReport[] | null; services: ServiceJobReport | null; errors: string[] }[];

export const runScheduledJobs = async (deps: Pick<AppDeps, 'database' | 'config'>, now: Date): Promise<JobsReport> => {
  const db = deps.database.db;
  const report: JobsReport = [];
  for (const { id } of await db.select({ id: centres.id }).from(centres)) {
    const entry: JobsReport[number] = { centreId: id, notices: null, derived: null, services: null, errors: [] };
    try {
      entry.notices = await sendScheduledNotices(db, deps.config, id, now);
    } catch (error) {
      entry.errors.push(`notices: ${(error as Error).message}`);
    }
    const ctx: ServiceContext = { db, config: deps.config, now, user: null, actor: { kind: 'system', label: 'system:scheduler' }, requestId: null, ip: null };
    try {
      entry.services = await runServiceJobs(ctx, id);
    } catch (error) {
      entry.errors.push(`services: ${(error as Error).message}`);
    }
    try {
      entry.derived = await refreshDerivedFigures(ctx, id);
    } catch (error) {
      entry.errors.push(`derived figures: ${(error as Error).message}`);
    }
    report.push(entry);
  }
  return report;
};

type JobsLog = { error: (detail: object, message: string) => void; info: (detail: object, message: string) => void };

/** Logs each centre's report: failures as errors, the rest as one line. */
export const logJobsReport = (log: JobsLog, report: JobsReport): void => {
  for (const r of report) {
    if (r.errors.length) log.error({ centreId: r.centreId, errors: r.errors }, 'scheduled jobs failed in part');
    else log.info({ centreId: r.centreId, notices: r.notices, services: r.services, derived: r.derived?.length ?? 0 }, 'scheduled jobs ran');
  }
};

/**
 * Runs the jobs every `seconds` (first run one interval after start, or at once with `immediately`),
 * never two at once in this process. The server's plugin and `kechuang jobs` (the scheduled work in a
 * process of its own) share it. `stop` clears the timer and waits for a run in progress.
 */
export const startJobLoop = (deps: Pick<AppDeps, 'database' | 'config'>, options: { seconds: number; now: () => Date; log: JobsLog; immediately?: boolean; unref?: boolean }): { stop: () => Promise<void> } => {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledJobs(deps, options.now())
      .then((report) => logJobsReport(options.log, report))
      .catch((error: unknown) => options.log.error({ err: error }, 'scheduled jobs failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.seconds * 1000);
  if (options.unref) timer.unref();
  if (options.immediately) tick();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};

/** Runs the jobs in the server every JOBS_INTERVAL_SECONDS; 0 leaves them to `kechuang jobs` (or to nothing). */
export const jobsPlugin = fp(async (app: FastifyInstance) => {
  const seconds = app.kc.config.jobsIntervalSeconds;
  if (seconds <= 0) return;
  const loop = startJobLoop(app.kc, { seconds, unref: true, now: () => app.kc.now(), log: { error: (d, m) => app.log.error(d, m), info: (d, m) => app.log.debug(d, m) } });
  app.addHook('onClose', () => loop.stop());
});
