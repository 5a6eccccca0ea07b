import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { BookerMobileInputSchema, BookerMobileSchema, revealBookerMobile } from './booker-mobile.service.ts';

const ParamsSchema = z.object({ id: z.string().uuid(), bookingId: z.string().uuid() });

/** The front desk opens one booker's full mobile, with a purpose; the lists show it masked. */
export const bookerMobileRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/centers/:id/bookings/:bookingId/booker-mobile',
      {
        schema: {
          tags: ['bookings'],
          summary: 'Show a booker’s full mobile, with a purpose (the centre’s owner, staff); recorded',
          description:
            'The centre’s lists (`/bookings`, `/refunds-due`) show each booker’s mobile masked. This answers one booking’s booker mobile in full and records the look on the booker’s data-access record with the purpose and the centre. 404 when the booking is not at this centre.',
          params: ParamsSchema,
          body: BookerMobileInputSchema,
          response: { 200: BookerMobileSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store');
        return revealBookerMobile(deps, req.actor, req.params.id, req.params.bookingId, req.body);
      },
    );
  };
