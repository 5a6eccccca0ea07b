import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/actor.ts';
import { IdParamSchema, NoContent, problems } from '../../server/http.ts';
import * as schema from './identity.schema.ts';
import * as orgs from './organization.service.ts';
import { logout, SESSION_COOKIE } from './session.service.ts';
import * as users from './user.service.ts';

export const identityRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['identity'];

    app.post(
      '/api/v1/auth/logout',
      {
        schema: {
          tags,
          operationId: 'logout',
          summary: 'End this session',
          response: { 204: NoContent, ...problems(403) },
        },
      },
      async (req, reply) => {
        // A password-only session (waiting for its second factor) ends here too.
        const token = req.sessionToken ?? req.cookies[SESSION_COOKIE];
        if (token) await logout(deps, req.actor, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/me',
      { schema: { tags, summary: 'Who am I', response: { 200: schema.SessionSchema, ...problems(401) } } },
      async (req) => {
        requireUser(req.actor);
        const user = await users.getUser(deps, req.actor, req.actor.userId);
        return { user, csrfToken: req.csrfToken ?? '', expiresAt: req.sessionExpiresAt?.toISOString() ?? '' };
      },
    );

    app.patch(
      '/api/v1/me',
      {
        schema: {
          tags,
          summary: 'Update my profile',
          body: schema.UpdateProfileInputSchema,
          response: { 200: schema.UserSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req) => users.updateProfile(deps, req.actor, req.body),
    );

    app.post(
      '/api/v1/me/password',
      {
        schema: {
          tags,
          operationId: 'changeMyPassword',
          summary: 'Change my password (ends my other sessions)',
          body: schema.ChangePasswordInputSchema,
          response: { 204: NoContent, ...problems(400, 401, 403, 423, 429) },
        },
      },
      async (req, reply) => {
        await users.changePassword(deps, req.actor, req.body, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/users',
      {
        schema: {
          tags,
          summary: 'List users (admin, auditor)',
          querystring: schema.UserListQuerySchema,
          response: { 200: schema.UserListSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => users.listUsers(deps, req.actor, req.query),
    );

    app.post(
      '/api/v1/users',
      {
        schema: {
          tags,
          summary: 'Create an account of any role (admin)',
          body: schema.CreateUserInputSchema,
          response: { 201: schema.CreatedUserSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await users.createUser(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/users/:id',
      {
        schema: {
          tags,
          summary: 'One user',
          params: IdParamSchema,
          response: { 200: schema.UserSchema, ...problems(401, 403, 404) },
        },
      },
      async (req) => users.getUser(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/users/:id/status',
      {
        schema: {
          tags,
          operationId: 'setUserStatus',
          summary: 'Enable or disable an account (admin)',
          params: IdParamSchema,
          body: z.object({ status: z.enum(['active', 'disabled']) }),
          response: { 200: schema.UserSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => users.setUserStatus(deps, req.actor, req.params.id, req.body.status),
    );

    app.get(
      '/api/v1/organizations',
      {
        schema: {
          tags,
          summary: 'List organisations (banks, companies, committees)',
          querystring: z.object({ kind: schema.OrganizationSchema.shape.kind.optional() }),
          response: { 200: z.array(schema.OrganizationSchema), ...problems(401, 403) },
        },
      },
      async (req) => orgs.listOrganizations(deps, req.actor, req.query.kind),
    );

    app.post(
      '/api/v1/organizations',
      {
        schema: {
          tags,
          summary: 'Register an organisation (admin)',
          body: schema.CreateOrganizationInputSchema,
          response: { 201: schema.OrganizationSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await orgs.createOrganization(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/api-keys',
      {
        schema: {
          tags,
          summary: "List banks' API keys (admin, auditor; a bank officer sees their own bank's)",
          querystring: z.object({ organizationId: z.string().uuid().optional() }),
          response: { 200: z.array(schema.ApiKeySchema), ...problems(401, 403) },
        },
      },
      async (req) => orgs.listApiKeys(deps, req.actor, req.query.organizationId),
    );

    app.post(
      '/api/v1/api-keys',
      {
        schema: {
          tags,
          summary: "Issue an API key for a bank's system (admin); the secret is shown once",
          body: schema.CreateApiKeyInputSchema,
          response: { 201: schema.CreatedApiKeySchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.code(201).send(await orgs.createApiKey(deps, req.actor, req.body)),
    );

    app.put(
      '/api/v1/api-keys/:id/limits',
      {
        schema: {
          tags,
          operationId: 'updateApiKeyLimits',
          summary:
            "Change a key's allowed addresses and expiry (admin, or an officer of the key's bank); the next request is held to them",
          params: IdParamSchema,
          body: schema.ApiKeyLimitsInputSchema,
          response: { 200: schema.ApiKeySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => orgs.updateApiKeyLimits(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/api-keys/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke an API key (admin)',
          params: IdParamSchema,
          response: { 200: schema.ApiKeySchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => orgs.revokeApiKey(deps, req.actor, req.params.id),
    );
  };
