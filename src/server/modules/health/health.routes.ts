import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZHealth, ZReadiness } from '../../../shared/schemas/health.js';
import { countPendingMigrations } from '../../../db/migrate.js';

export const healthRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['operations'];
  app.get('/healthz', { config: { access: 'public' }, logLevel: 'warn', schema: { tags, summary: 'The process is up', response: { 200: ZHealth } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    { config: { access: 'public' }, logLevel: 'warn', schema: { tags, summary: 'Database reachable and migrations applied', response: { 200: ZReadiness, 503: ZReadiness } } },
    async (_request, reply) => {
      const database = await app.kc.database.ping();
      const pending = database ? await countPendingMigrations(app.kc.database) : -1;
      const ready = database && pending === 0;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        checks: { database, migrations: pending === 0 },
        pendingMigrations: Math.max(pending, 0),
      });
    },
  );
};
