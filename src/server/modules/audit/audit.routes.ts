import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAuditPage, ZAuditQuery, ZAuditVerification } from '../../../shared/schemas/audit.js';
import { serviceContext } from '../../context.js';
import { browseAudit, verifyAudit } from './audit.service.js';

export const auditRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const access = { permission: 'audit:read' } as const;
  const tags = ['audit'];
  app.get('/api/audit', { config: { access }, schema: { tags, summary: 'Audit events, newest first', querystring: ZAuditQuery, response: { 200: ZAuditPage } } }, async (request) =>
    browseAudit(serviceContext(request), request.query),
  );
  // POST: verification reads the whole chain; not cacheable and not for crawlers. It writes nothing.
  app.post('/api/audit/verify', { config: { access }, schema: { tags, summary: 'Verify the hash chain of the whole log', response: { 200: ZAuditVerification } } }, async (request) =>
    verifyAudit(serviceContext(request)),
  );
};
