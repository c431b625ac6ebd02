import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './context.js';
import { frameworkErrorReply, registerErrorHandling } from './errors.js';
import { jobsPlugin } from './jobs.js';
import { publicCachePlugin } from './plugins/public-cache.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { callsRoutes } from './modules/calls/calls.routes.js';
import { centresRoutes } from './modules/centres/centres.routes.js';
import { contractsRoutes } from './modules/contracts/contracts.routes.js';
import { patentsRoutes } from './modules/patents/patents.routes.js';
import { achievementsRoutes } from './modules/achievements/achievements.routes.js';
import { scenariosRoutes } from './modules/scenarios/scenarios.routes.js';
import { talentRoutes } from './modules/talent/talent.routes.js';
import { chainsRoutes } from './modules/chains/chains.routes.js';
import { grantsRoutes } from './modules/grants/grants.routes.js';
import { rdCentresRoutes } from './modules/rdcentres/rdcentres.routes.js';
import { financeRoutes } from './modules/finance/finance.routes.js';
import { cooperationRoutes } from './modules/cooperation/cooperation.routes.js';
import { incubatorsRoutes } from './modules/incubators/incubators.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { indicatorsRoutes } from './modules/indicators/indicators.routes.js';
import { policiesRoutes } from './modules/policies/policies.routes.js';
import { evaluationRoutes } from './modules/evaluation/evaluation.routes.js';
import { registryImportRoutes } from './modules/registry/registry-import.routes.js';
import { registryRoutes } from './modules/registry/registry.routes.js';
import { servicesRoutes } from './modules/services/services.routes.js';
import { usersRoutes } from './modules/users/users.routes.js';
import { accessPlugin } from './plugins/access.js';
import { inputGuardPlugin } from './plugins/input-guard.js';
import { docsPlugin } from './plugins/docs.js';
import { metricsPlugin } from './plugins/metrics.js';
import { sessionPlugin } from './plugins/session.js';
import { setSecurityHeaders } from './plugins/security-headers.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { webPlugin } from './plugins/web.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,80}$/;

/**
 * The whole server as a Fastify instance: no listening, no database opening.
 * Tests build it with an in-memory database and call `inject`.
 */
export const buildApp = async (deps: AppDeps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> => {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'], censor: '[redacted]' },
          },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorReply,
    // Keep the caller's request id when it looks like one, so logs join up across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('kc', deps);
  app.addHook('onSend', async (request, reply) => setSecurityHeaders(request, reply, { hsts: deps.config.session.cookieSecure }));
  app.addHook('onClose', async () => {
    await deps.database.close();
  });

  registerErrorHandling(app);
  await app.register(accessPlugin);
  await app.register(inputGuardPlugin);
  await app.register(sessionPlugin);
  await app.register(rateLimitPlugin);
  await app.register(publicCachePlugin);
  await app.register(metricsPlugin);
  await app.register(docsPlugin);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(auditRoutes);
  await app.register(centresRoutes);
  await app.register(indicatorsRoutes);
  await app.register(contractsRoutes);
  await app.register(patentsRoutes);
  await app.register(achievementsRoutes);
  await app.register(scenariosRoutes);
  await app.register(talentRoutes);
  await app.register(chainsRoutes);
  await app.register(grantsRoutes);
  await app.register(rdCentresRoutes);
  await app.register(financeRoutes);
  await app.register(cooperationRoutes);
  await app.register(incubatorsRoutes);
  await app.register(eventsRoutes);
  await app.register(registryRoutes);
  await app.register(registryImportRoutes);
  await app.register(evaluationRoutes);
  await app.register(callsRoutes);
  await app.register(policiesRoutes);
  await app.register(servicesRoutes);
  await app.register(jobsPlugin);
  if (deps.config.webRoot) await app.register(webPlugin, { root: deps.config.webRoot });
  return app;
};
