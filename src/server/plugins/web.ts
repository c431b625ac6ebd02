import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { markRoutesPublic } from './access.js';

const API_PREFIXES = ['/api/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

/**
 * The built web app (dist/web), served precompressed, with the single-page
 * app's index.html for any other GET that asks for HTML.
 */
export const webPlugin = async (app: FastifyInstance, opts: { root: string }): Promise<void> => {
  if (!existsSync(join(opts.root, 'index.html'))) {
    app.log.warn({ root: opts.root }, 'web app not built; run `npm run build` to serve the UI');
    return;
  }
  markRoutesPublic(app);
  await app.register(fastifyStatic, {
    root: opts.root,
    preCompressed: true,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      // Hashed asset names never change content; index.html always revalidates.
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.sendFile('index.html'));
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (API_PREFIXES.some((p) => path.startsWith(p))) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route GET ${path}` } });
    }
    const file = path.replace(/^\/+/, '');
    if (file && !file.includes('..') && existsSync(join(opts.root, file))) return reply.sendFile(file);
    if (/\.[a-z0-9]+$/i.test(file)) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No file ${path}` } });
    return reply.sendFile('index.html');
  });
};
