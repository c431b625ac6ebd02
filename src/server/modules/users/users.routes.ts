import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCreateUserRequest, ZUpdateUserRequest, ZUser, ZUserList } from '../../../shared/schemas/auth.js';
import { ZErrorBodySchema } from '../../../shared/schemas/common.js';
import { serviceContext } from '../../context.js';
import { createUser, listUsers, updateUserAccount } from './users.service.js';

export const usersRoutes = async (instance: FastifyInstance): Promise<void> => {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  const access = { permission: 'users:manage' } as const;

  app.get('/api/users', { config: { access }, schema: { tags, summary: 'List accounts I may manage', response: { 200: ZUserList } } }, async (request) => ({
    items: await listUsers(serviceContext(request)),
  }));

  app.post(
    '/api/users',
    { config: { access }, schema: { tags, summary: 'Create an account (must change password at first sign-in)', body: ZCreateUserRequest, response: { 201: ZUser, 400: ZErrorBodySchema, 409: ZErrorBodySchema, 422: ZErrorBodySchema } } },
    async (request, reply) => reply.status(201).send(await createUser(serviceContext(request), request.body)),
  );

  app.patch(
    '/api/users/:userId',
    {
      config: { access },
      schema: { tags, summary: 'Change, disable or unlock an account', params: z.object({ userId: z.string().max(64) }), body: ZUpdateUserRequest, response: { 200: ZUser, 404: ZErrorBodySchema, 409: ZErrorBodySchema } },
    },
    async (request) => updateUserAccount(serviceContext(request), request.params.userId, request.body),
  );
};
