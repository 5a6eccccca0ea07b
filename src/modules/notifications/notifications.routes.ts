import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.service.ts';
import * as s from './notifications.schema.ts';
import { getPreferences, unsubscribe, updatePreferences } from './preferences.service.ts';
import { listNoticeLog, listOutbox, recordDeliveryReport, retryDeadNotices } from './staff.service.ts';

const OutboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ message: 'must be an ISO instant' }).optional(),
});
const DlrQuerySchema = z.object({ token: z.string().max(200).optional() });

/** The inbox, preferences, one-click unsubscribe, the SMS delivery-report callback and staff's views. */
export const notificationsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['notifications'];
    // Mail clients post one-click unsubscribes (RFC 8058) and gateways post reports as forms.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const noStore = { 'cache-control': 'private, no-store' };

    app.get(
      '/api/v1/notifications/inbox',
      {
        schema: {
          tags,
          summary: 'My in-app notices, newest first, and how many are unread',
          querystring: s.InboxQuerySchema,
          response: { 200: s.InboxPageSchema, ...problems(400, 401) },
        },
      },
      async (req, reply) => reply.headers(noStore).send(await listInbox(deps, req.actor, req.query)),
    );
    app.get(
      '/api/v1/notifications/unread',
      {
        schema: {
          tags,
          summary: 'How many of my in-app notices are unread (the bell)',
          response: { 200: s.UnreadCountSchema, ...problems(401) },
        },
      },
      async (req, reply) => reply.headers(noStore).send(await unreadCount(deps, req.actor)),
    );
    app.post(
      '/api/v1/notifications/inbox/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of my notices read',
          params: s.NoticeIdParamSchema,
          response: { 200: s.UnreadCountSchema, ...problems(400, 401, 404) },
        },
      },
      async (req) => markRead(deps, req.actor, req.params.id),
    );
    app.post(
      '/api/v1/notifications/inbox/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notices read',
          response: { 200: s.UnreadCountSchema, ...problems(401) },
        },
      },
      async (req) => markAllRead(deps, req.actor),
    );
    app.get(
      '/api/v1/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Which notices I get on which channel; money and security ones are locked on',
          response: { 200: s.PreferencesSchema, ...problems(401) },
        },
      },
      async (req, reply) => reply.headers(noStore).send(await getPreferences(deps, req.actor)),
    );
    app.put(
      '/api/v1/notifications/preferences',
      {
        schema: {
          tags,
          summary: 'Turn kinds of notice on or off per channel; set the distance for new centres',
          body: s.PreferencesInputSchema,
          response: { 200: s.PreferencesSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => updatePreferences(deps, req.actor, req.body),
    );
    const unsubscribeSchema = (summary: string, description: string) => ({
      tags,
      summary,
      description,
      querystring: s.UnsubscribeQuerySchema,
      response: { 200: s.UnsubscribedSchema, ...problems(400) },
    });
    const unsubscribeHandler = async (req: { query: z.infer<typeof s.UnsubscribeQuerySchema> }) =>
      unsubscribe(deps, { userId: req.query.u, kind: req.query.k, channel: req.query.c }, req.query.t);
    app.post(
      '/api/v1/notifications/unsubscribe',
      {
        schema: unsubscribeSchema(
          'Unsubscribe from one kind on one channel (the confirmation page’s button)',
          'The token is a MAC over (person, kind, channel); no login. Money and security notices refuse.',
        ),
      },
      unsubscribeHandler,
    );
    // The address in an email's List-Unsubscribe header: a GET there is the web app's page that
    // asks (it changes nothing); the mail client's one-click POST (RFC 8058) lands here.
    app.post(
      '/unsubscribe',
      {
        schema: unsubscribeSchema(
          'One-click unsubscribe (RFC 8058): the List-Unsubscribe address, posted by the mail client',
          'A GET on the same address is the web page that asks to confirm; only this POST or that page’s button unsubscribes.',
        ),
      },
      unsubscribeHandler,
    );
    app.post(
      '/api/v1/notifications/sms/delivery-report',
      {
        schema: {
          tags,
          summary: 'The SMS gateway’s delivery report for one message (JSON or form; ?token=…)',
          querystring: DlrQuerySchema,
          body: s.DeliveryReportSchema,
          response: {
            200: z.object({ status: z.enum(['delivered', 'dead']) }).meta({ id: 'DeliveryReportResult' }),
            ...problems(400, 401, 404),
          },
        },
      },
      async (req) => recordDeliveryReport(deps, req.query.token, req.body),
    );

    // Staff: the delivery log, the dead letters, the local outbox.
    app.get(
      '/api/v1/notifications/log',
      {
        schema: {
          tags,
          summary: 'Email and SMS notices and how their delivery went, newest first (admin, auditor)',
          querystring: s.NoticeLogQuerySchema,
          response: { 200: s.NoticeLogPageSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.headers(noStore).send(await listNoticeLog(deps, req.actor, req.query)),
    );
    app.post(
      '/api/v1/notifications/log/:id/retry',
      {
        schema: {
          tags,
          summary: 'Try a dead notice again, with a fresh set of attempts (admin)',
          params: s.NoticeIdParamSchema,
          response: { 200: s.RetriedNoticesSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => retryDeadNotices(deps, req.actor, req.params.id),
    );
    app.post(
      '/api/v1/notifications/log/retry-dead',
      {
        schema: {
          tags,
          summary: 'Try every dead notice again (admin)',
          response: { 200: s.RetriedNoticesSchema, ...problems(401, 403) },
        },
      },
      async (req) => retryDeadNotices(deps, req.actor),
    );
    app.get(
      '/api/v1/notifications/outbox',
      {
        schema: {
          tags,
          summary: 'The local outbox: email and SMS as sent when no SMTP server or gateway is set (admin)',
          querystring: OutboxQuerySchema,
          response: { 200: s.OutboxPageSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => reply.headers(noStore).send(await listOutbox(deps, req.actor, req.query)),
    );
  };
