import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import {
  EventDeliveryKeySchema,
  EventDeliveryPageSchema,
  EventDeliveryQuerySchema,
  EventDeliverySchema,
  listDeliveries,
  RetriedDeliveriesSchema,
  retryAllDead,
  retryDelivery,
} from '../../platform/events/index.ts';
import { problems } from '../http.ts';

/** The outbox's deliveries for staff: the dead-letter list and retrying (src/platform/events). */
export const eventsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['events'];
    app.get(
      '/api/v1/events/deliveries',
      {
        schema: {
          tags,
          summary: 'Deliveries of domain events to their handlers, newest event first (admin, auditor)',
          querystring: EventDeliveryQuerySchema,
          response: { 200: EventDeliveryPageSchema, ...problems(400, 401, 403) },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store');
        return listDeliveries(deps, req.actor, req.query);
      },
    );
    app.post(
      '/api/v1/events/deliveries/:eventId/:handlerId/retry',
      {
        schema: {
          tags,
          summary: 'Retry a dead delivery now, with a fresh set of attempts (admin)',
          params: EventDeliveryKeySchema,
          response: { 200: EventDeliverySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => retryDelivery(deps, req.actor, req.params),
    );
    app.post(
      '/api/v1/events/deliveries/retry-dead',
      {
        schema: {
          tags,
          summary: 'Retry every dead delivery now (admin)',
          response: { 200: RetriedDeliveriesSchema, ...problems(401, 403) },
        },
      },
      async (req) => retryAllDead(deps, req.actor),
    );
  };
