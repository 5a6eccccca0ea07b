import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/actor.ts';
import { NoContent, problems } from '../../server/http.ts';
import { parseContact } from './account-lookup.ts';
import * as contacts from './contacts.service.ts';
import { normalizeMobile } from './identity.rules.ts';
import * as schema from './identity.schema.ts';
import { TOKEN_MINUTES } from './one-time-token.ts';
import * as reset from './password-reset.service.ts';
import * as rs from './recovery.schema.ts';
import { startRegistration, verifyRegistration } from './registration.service.ts';
import { sessionReply } from './session-reply.ts';
import { signIn } from './sign-in.ts';
import { BROWSER_COOKIE } from './sign-in-browser.ts';
import { DEVICE_COOKIE } from './trusted-device.service.ts';

/** Registration, sign-in, password reset and contact changes: every way into an account. */
export const signInRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const client = (req: FastifyRequest) => ({
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      browserToken: req.cookies[BROWSER_COOKIE],
    });
    const session = sessionReply(deps);
    const tags = ['identity'];

    app.post(
      '/api/v1/auth/register',
      {
        schema: {
          tags,
          operationId: 'register',
          summary:
            'Register as a freelancer or owner: a code goes to the mobile (same answer whatever exists)',
          body: schema.RegisterInputSchema,
          response: { 202: rs.RegistrationStartedSchema, ...problems(400, 429) },
        },
      },
      async (req, reply) => {
        await startRegistration(deps, req.actor, req.body, client(req));
        const mobile = normalizeMobile(req.body.mobile) ?? req.body.mobile;
        return reply.code(202).send({ mobile, minutes: TOKEN_MINUTES });
      },
    );

    app.post(
      '/api/v1/auth/register/verify',
      {
        schema: {
          tags,
          operationId: 'verifyRegistration',
          summary: 'Enter the code sent to the mobile: the account is created and signed in',
          body: rs.VerifyRegistrationInputSchema,
          response: { 201: schema.SessionSchema, ...problems(400, 409, 429) },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(session(reply, await verifyRegistration(deps, req.actor, req.body, client(req)))),
    );

    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags,
          operationId: 'login',
          summary: 'Sign in with email, mobile or CNIC and password',
          body: schema.LoginInputSchema,
          response: { 200: schema.SessionSchema, ...problems(400, 401, 403, 423, 429) },
        },
      },
      async (req, reply) => {
        const login = req.body.login ?? req.body.email ?? '';
        return session(
          reply,
          await signIn(
            deps,
            req.actor,
            { login, password: req.body.password },
            { ...client(req), deviceToken: req.cookies[DEVICE_COOKIE] },
          ),
        );
      },
    );

    app.post(
      '/api/v1/auth/password/forgot',
      {
        schema: {
          tags,
          operationId: 'forgotPassword',
          summary:
            'Ask for a reset link (email) or code (SMS); the same answer whether or not an account matches',
          body: rs.ForgotPasswordInputSchema,
          response: { 202: rs.ResetRequestedSchema, ...problems(400, 429) },
        },
      },
      async (req, reply) => {
        const { flow } = await reset.requestPasswordReset(deps, req.actor, req.body, client(req));
        const kind = parseContact(req.body.login)?.kind;
        const via = kind === 'email' ? 'email' : kind === 'mobile' ? 'sms' : (req.body.channel ?? 'sms');
        return reply.code(202).send({ via, minutes: TOKEN_MINUTES, flow });
      },
    );

    app.post(
      '/api/v1/auth/password/reset',
      {
        schema: {
          tags,
          operationId: 'resetPassword',
          summary: 'Choose a new password with the link or the code; every session ends',
          body: rs.ResetPasswordInputSchema,
          response: { 204: NoContent, ...problems(400, 429) },
        },
      },
      async (req, reply) => {
        const { token, login, code, flow, newPassword } = req.body;
        const input: reset.ResetInput =
          token !== undefined
            ? { token, newPassword }
            : { login: login ?? '', code: code ?? '', flow, newPassword };
        await reset.resetPassword(deps, req.actor, input, client(req));
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/auth/email/verify',
      {
        schema: {
          tags,
          operationId: 'verifyEmail',
          summary: 'Open the link sent to an email: the email is confirmed (no sign-in needed)',
          body: rs.TokenInputSchema,
          response: { 200: rs.EmailVerifiedSchema, ...problems(400, 409) },
        },
      },
      async (req) => contacts.verifyEmail(deps, req.actor, req.body),
    );

    app.post(
      '/api/v1/me/contacts',
      {
        schema: {
          tags,
          operationId: 'changeMyContact',
          summary: 'Change my mobile or email: a code or link goes to the new one, a notice to the old one',
          body: rs.ContactChangeInputSchema,
          response: { 202: rs.ContactChangeStartedSchema, ...problems(400, 401, 403, 423, 429) },
        },
      },
      async (req, reply) => {
        requireUser(req.actor);
        const r = await contacts.requestContactChange(deps, req.actor, req.body, client(req));
        return reply.code(202).send({ ...r, minutes: TOKEN_MINUTES });
      },
    );

    app.post(
      '/api/v1/me/mobile/verify',
      {
        schema: {
          tags,
          operationId: 'verifyMyMobile',
          summary: 'Enter the code sent to my new mobile: it becomes my mobile',
          body: rs.CodeInputSchema,
          response: { 200: schema.UserSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req) => contacts.verifyMobile(deps, req.actor, req.body),
    );
  };
