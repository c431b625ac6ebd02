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

/** Runs the jobs every JOBS_INTERVAL_SECONDS (first run one interval after start), never two at once. */
export const jobsPlugin = fp(async (app: FastifyInstance) => {
  const seconds = app.kc.config.jobsIntervalSeconds;
  if (seconds <= 0) return;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledJobs(app.kc, app.kc.now())
      .then((report) => {
        for (const r of report) {
          if (r.errors.length) app.log.error({ centreId: r.centreId, errors: r.errors }, 'scheduled jobs failed in part');
          else app.log.debug({ centreId: r.centreId, notices: r.notices, derived: r.derived }, 'scheduled jobs ran');
        }
      })
      .catch((error: unknown) => app.log.error({ err: error }, 'scheduled jobs failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, seconds * 1000);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
});
