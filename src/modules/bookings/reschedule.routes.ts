import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { CreatedBookingsSchema } from './bookings.schema.ts';
import { RescheduleBookingInputSchema, rescheduleBooking } from './reschedule-booking.service.ts';

/** Moving a booking to another time: its own file, beside bookings.routes.ts. */
export const rescheduleRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/bookings/:id/reschedule',
      {
        schema: {
          tags: ['bookings'],
          summary: 'Move my booking to another time or day at the same centre',
          description:
            'Cancels the booking and books the new time in one transaction, by the same rules and the same no-double-booking constraint as a new booking. The same seat is kept when free, else any free seat of its kind. When no seat is free nothing changes and the 409 lists `alternativeTimes`, up to three nearby times that day with a free seat. Paid and monthly bookings are not moved here.',
          params: IdParamSchema,
          body: RescheduleBookingInputSchema,
          response: { 200: CreatedBookingsSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => rescheduleBooking(deps, req.actor, req.params.id, req.body),
    );
  };
