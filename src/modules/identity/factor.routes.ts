import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { SESSION_COOKIE } from '../../platform/session-cookie.ts';
import { IdParamSchema, NoContent, problems } from '../../server/http.ts';
import { AppError } from '../../shared/errors.ts';
import * as fs from './factor.schema.ts';
import * as factor from './factor.service.ts';
import * as resets from './factor-reset.service.ts';
import { SessionSchema } from './identity.schema.ts';
import { csrfMatches } from './session.service.ts';
import { sessionReply } from './session-reply.ts';
import { BROWSER_COOKIE } from './sign-in-browser.ts';
import * as devices from './trusted-device.service.ts';
import { canTrustDevices } from './trusted-device.service.ts';

/**
 * The second factor over HTTP (decision 0040). The `/auth/factor` routes read the password-only
 * session themselves (to everything else it is nobody) and ask for its CSRF token like any write.
 */
export const factorRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['identity'];
    const client = (req: FastifyRequest) => ({
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      browserToken: req.cookies[BROWSER_COOKIE],
    });
    const session = sessionReply(deps);
    /** The pending session's cookie, its CSRF token and origin checked for a write. */
    const pendingToken = async (req: FastifyRequest): Promise<string | undefined> => {
      const token = req.cookies[SESSION_COOKIE];
      const origin = req.headers.origin;
      if (
        origin &&
        (() => {
          try {
            return new URL(origin).host !== req.headers.host;
          } catch {
            return true;
          }
        })()
      )
        throw new AppError('csrf_failed', 'Cross-site request refused');
      const pending = await factor.pendingSession(deps, token);
      const header = req.headers['x-csrf-token'];
      if (!csrfMatches(pending.csrfToken, typeof header === 'string' ? header : undefined))
        throw new AppError('csrf_failed', 'Missing or wrong X-CSRF-Token header; sign in again');
      return token;
    };

    app.get(
      '/api/v1/auth/factor',
      {
        schema: {
          tags,
          operationId: 'getFactorStep',
          summary: 'What a password-only session still needs: a code, or enrolling an authenticator',
          response: { 200: fs.FactorStepSchema, ...problems(401) },
        },
      },
      async (req) => {
        const p = await factor.pendingSession(deps, req.cookies[SESSION_COOKIE]);
        return {
          stage: p.stage,
          name: p.account.name,
          email: p.account.email,
          csrfToken: p.csrfToken,
          rememberDeviceDays: canTrustDevices(deps.config, p.account.role)
            ? deps.config.trustedDeviceDays
            : null,
        };
      },
    );

    app.post(
      '/api/v1/auth/factor/enrolment',
      {
        schema: {
          tags,
          operationId: 'startFactorEnrolment',
          summary: 'A new authenticator key (QR code and text); a new call replaces an unconfirmed one',
          response: { 200: fs.FactorEnrolmentSchema, ...problems(401, 403, 409) },
        },
      },
      async (req) => factor.startEnrolment(deps, await pendingToken(req)),
    );

    app.post(
      '/api/v1/auth/factor/enrolment/confirm',
      {
        schema: {
          tags,
          operationId: 'confirmFactorEnrolment',
          summary: 'The first code from the app: enrolled, signed in, and ten recovery codes shown once',
          body: fs.FactorCodeInputSchema,
          response: { 200: fs.EnrolledSchema, ...problems(400, 401, 403, 409, 423) },
        },
      },
      async (req, reply) => {
        const token = await pendingToken(req);
        const r = await factor.confirmEnrolment(deps, req.actor, token, req.body, client(req));
        return { session: session(reply, r.session), recoveryCodes: r.recoveryCodes };
      },
    );

    app.post(
      '/api/v1/auth/factor/verify',
      {
        schema: {
          tags,
          operationId: 'verifyFactor',
          summary: 'The code step of sign-in: a code from the app, or a recovery code (each works once)',
          body: fs.FactorVerifyInputSchema,
          response: { 200: SessionSchema, ...problems(400, 401, 403, 409, 423) },
        },
      },
      async (req, reply) => {
        const token = await pendingToken(req);
        return session(reply, await factor.verifySecondFactor(deps, req.actor, token, req.body, client(req)));
      },
    );

    app.get(
      '/api/v1/me/factor',
      {
        schema: {
          tags,
          operationId: 'getMyFactor',
          summary: 'My second factor: enrolled since when, recovery codes left',
          response: { 200: fs.FactorStatusSchema, ...problems(401) },
        },
      },
      async (req) => factor.factorStatus(deps, req.actor),
    );

    app.get(
      '/api/v1/me/trusted-devices',
      {
        schema: {
          tags,
          operationId: 'listMyTrustedDevices',
          summary: 'My browsers that skip the code at sign-in, until when',
          response: { 200: fs.TrustedDevicesSchema, ...problems(401) },
        },
      },
      async (req) => devices.listTrustedDevices(deps, req.actor),
    );

    app.delete(
      '/api/v1/me/trusted-devices/:id',
      {
        schema: {
          tags,
          operationId: 'forgetMyTrustedDevice',
          summary: 'Forget one trusted browser: it asks for the code again',
          params: IdParamSchema,
          response: { 204: NoContent, ...problems(401, 403, 404) },
        },
      },
      async (req, reply) => {
        await devices.forgetTrustedDevices(deps, req.actor, req.params.id);
        return reply.code(204).send();
      },
    );

    app.delete(
      '/api/v1/me/trusted-devices',
      {
        schema: {
          tags,
          operationId: 'forgetMyTrustedDevices',
          summary: 'Forget every trusted browser: each asks for the code again',
          response: { 204: NoContent, ...problems(401, 403) },
        },
      },
      async (req, reply) => {
        await devices.forgetTrustedDevices(deps, req.actor);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/me/factor/recovery-codes',
      {
        schema: {
          tags,
          operationId: 'regenerateRecoveryCodes',
          summary: 'Ten new recovery codes (the old ones stop working), with a current code from the app',
          body: fs.FactorCodeInputSchema,
          response: { 200: fs.RecoveryCodesSchema, ...problems(400, 401, 403, 409, 423) },
        },
      },
      async (req) => ({
        recoveryCodes: await factor.regenerateRecoveryCodes(deps, req.actor, req.body, client(req)),
      }),
    );

    app.get(
      '/api/v1/factor-resets',
      {
        schema: {
          tags,
          operationId: 'listFactorResets',
          summary: 'Requests to reset a lost authenticator: waiting for a second admin first',
          response: { 200: z.array(fs.FactorResetSchema), ...problems(401, 403) },
        },
      },
      async (req) => resets.listFactorResets(deps, req.actor),
    );

    app.post(
      '/api/v1/users/:id/factor-reset',
      {
        schema: {
          tags,
          operationId: 'requestFactorReset',
          summary: "Ask to reset an account's lost authenticator; a second admin must approve",
          params: IdParamSchema,
          body: fs.FactorResetInputSchema,
          response: { 201: fs.FactorResetSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(
          await resets.requestFactorReset(deps, req.actor, {
            userId: req.params.id,
            reason: req.body.reason,
          }),
        ),
    );

    app.post(
      '/api/v1/factor-resets',
      {
        schema: {
          tags,
          operationId: 'requestFactorResetByEmail',
          summary:
            'Ask to reset the lost authenticator of the account with this email; a second admin must approve',
          body: fs.FactorResetByEmailSchema,
          response: { 201: fs.FactorResetSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await resets.requestFactorResetByEmail(deps, req.actor, req.body)),
    );

    for (const decision of ['approve', 'reject'] as const)
      app.post(
        `/api/v1/factor-resets/:id/${decision}`,
        {
          schema: {
            tags,
            operationId: `${decision}FactorReset`,
            summary:
              decision === 'approve'
                ? 'Approve a reset (not the admin who asked): the authenticator goes, every session ends'
                : 'Refuse a reset request',
            params: IdParamSchema,
            response: { 200: fs.FactorResetSchema, ...problems(401, 403, 404, 409) },
          },
        },
        async (req) => resets.decideFactorReset(deps, req.actor, req.params.id, decision),
      );
  };
