import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { idempotencyKey, idempotencyKeyOf, withIdempotency } from '../../server/idempotency.ts';
import { LiveFreeSeats, liveFreeSeats } from './availability/free-seats-live.ts';
import { bookAtOnce } from './book-at-once.service.ts';
import * as schema from './bookings.schema.ts';
import { getCalendarFeed, renderCalendarFeed, rotateCalendarFeed } from './calendar.service.ts';
import { checkIn, checkInToken } from './check-in.service.ts';
import { createBookings } from './create-booking.service.ts';
import { freeSeats } from './free-seats.service.ts';
import * as manage from './manage-booking.service.ts';
import { OccupancyQuerySchema, OccupancyReportSchema } from './occupancy.schema.ts';
import { occupancyReport } from './occupancy.service.ts';
import { CenterSearchQuerySchema, CenterSearchResponseSchema } from './search.schema.ts';
import { searchCenters } from './search.service.ts';
import { recordUnmetSearch } from './unmet-demand.ts';
import { JoinWaitlistInputSchema, WaitlistEntrySchema } from './waitlist.schema.ts';
import * as waitlist from './waitlist.service.ts';

export const bookingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['bookings'];
    // Availability search from memory, kept within a second of the database (decision 0068). It
    // loads in the background once the server is ready; until then the exact query answers.
    const live = deps.config.searchIndex && deps.listen ? new LiveFreeSeats(deps) : null;
    if (live) {
      liveFreeSeats.set(deps.db, live);
      app.addHook('onReady', async () => {
        live.start().catch((err: Error) => deps.log.error({ err }, `free-seat index: ${err.message}`));
      });
      app.addHook('onClose', () => live.stop());
    }

    app.post(
      '/api/v1/bookings',
      {
        schema: {
          tags,
          summary: 'Book a seat (a given one or any free one of a kind), once or recurring (freelancer)',
          description:
            'Send an Idempotency-Key header: a retry with the same key returns the first answer. ' +
            'A seat taken by someone else answers 409 with `alternatives`: free seats of the same kind ' +
            'in that window.',
          headers: z.object({ 'idempotency-key': z.string().max(255).optional() }),
          body: schema.CreateBookingInputSchema,
          response: { 201: schema.CreatedBookingsSchema, ...problems(400, 401, 403, 404, 409, 422) },
        },
      },
      async (req, reply) => {
        const opts = {
          actor: req.actor,
          operation: 'booking.create',
          key: idempotencyKeyOf(req.headers),
          request: req.body,
        };
        // One occurrence in one database call when nothing stands in its way; else (and for
        // everything it cannot answer alone) the transaction below (decision 0085).
        if (deps.config.bookAtOnce) {
          const made = await bookAtOnce(deps, req.actor, req.body, idempotencyKey(deps, opts));
          if (made) return reply.code(201).send(made);
        }
        const result = await withIdempotency(deps, { ...opts, folded: true }, async (db, key) => ({
          status: 201,
          body: await createBookings({ ...deps, db }, req.actor, req.body, key),
        }));
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply.code(201).send(result.body);
      },
    );

    app.get(
      '/api/v1/me/bookings',
      {
        schema: {
          tags,
          summary: 'My bookings: upcoming (default), past or all',
          querystring: schema.MyBookingsQuerySchema,
          response: { 200: z.array(schema.BookingSchema), ...problems(400, 401) },
        },
      },
      async (req) => manage.listMyBookings(deps, req.actor, req.query),
    );

    app.get(
      '/api/v1/bookings/:id',
      {
        schema: {
          tags,
          summary: 'One booking (its booker, the centre’s owner, staff)',
          params: IdParamSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 404) },
        },
      },
      async (req) => manage.getBooking(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/bookings/:id/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel my booking before it starts; inside the centre’s window it counts as late',
          params: IdParamSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => manage.cancelBooking(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/bookings/:id/check-out',
      {
        schema: {
          tags,
          operationId: 'checkOutBooking',
          summary:
            'Leave early: release a checked-in booking so the seat can be booked again (booker or owner)',
          params: IdParamSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => manage.checkOutBooking(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/bookings/:id/paid',
      {
        schema: {
          tags,
          operationId: 'markBookingPaid',
          summary: 'Mark a booking paid (the centre’s owner)',
          params: IdParamSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => manage.markBookingPaid(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/bookings/:id/refunded',
      {
        schema: {
          tags,
          operationId: 'markBookingRefunded',
          summary: 'Mark a booking refunded (the centre’s owner)',
          description:
            'Only when a refund is due (`refundDue`): the booking was paid, then cancelled by the centre or ' +
            'the programme, and is not yet refunded. Otherwise 409 `invalid_state` with `reason` ' +
            '`not_cancelled_by_centre`, `not_paid` or `already_refunded`.',
          params: IdParamSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => manage.markBookingRefunded(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/bookings/:id/check-in-token',
      {
        schema: {
          tags,
          summary: 'The current check-in code for my booking, to show as a QR code; rotates every 30 s',
          params: IdParamSchema,
          response: { 200: schema.CheckInTokenSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return checkInToken(deps, req.actor, req.params.id);
      },
    );

    app.post(
      '/api/v1/centers/:id/check-ins',
      {
        schema: {
          tags,
          summary: 'Check a booker in by the code they show (the centre’s owner or its device)',
          params: IdParamSchema,
          body: schema.CheckInInputSchema,
          response: { 200: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => checkIn(deps, req.actor, req.params.id, req.body.token),
    );

    app.get(
      '/api/v1/centers/:id/bookings',
      {
        schema: {
          tags,
          summary: 'A centre’s bookings on one day, with who booked each (its owner, staff)',
          params: IdParamSchema,
          querystring: schema.CenterBookingsQuerySchema,
          response: { 200: z.array(schema.CentreBookingSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const list = await manage.listCenterBookings(deps, req.actor, req.params.id, req.query.date);
        // Other people's names and (masked) mobiles: never kept by a shared or a browser cache.
        reply.header('cache-control', 'private, no-store');
        return list;
      },
    );

    app.get(
      '/api/v1/centers/:id/refunds-due',
      {
        schema: {
          tags,
          summary:
            'A centre’s bookings with a refund due, oldest first, with who booked each (its owner, staff)',
          description:
            'Paid bookings the centre or the programme cancelled that are not yet marked refunded. ' +
            'Each carries `booker` (name and masked mobile); the owner opens the full number with POST `…/bookings/{bookingId}/booker-mobile` (purpose `booking_refund`) to pay the price back.',
          params: IdParamSchema,
          response: { 200: z.array(schema.CentreBookingSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const list = await manage.listRefundsDue(deps, req.actor, req.params.id);
        reply.header('cache-control', 'private, no-store');
        return list;
      },
    );

    app.get(
      '/api/v1/centers/search',
      {
        schema: {
          tags: ['centres', 'bookings'],
          summary: 'Find operational centres near a point or city with a free seat, by amenities and price',
          description:
            'Sorted by distance. With date, from and to (Asia/Karachi), only centres open then with a ' +
            'free seat of the kind are listed, with how many are free.',
          querystring: CenterSearchQuerySchema,
          response: { 200: CenterSearchResponseSchema, ...problems(400) },
        },
      },
      async (req, reply) => {
        // Availability is read from the index or the primary, never a replica: a replica's replay
        // lag (over a second under full write load, bench/README.md) would show a seat booked
        // meanwhile as free for longer than issue 21 allows.
        const { source, ...found } = await searchCenters(deps, req.actor, req.query, live);
        // Which path answered: the free-seat index or the exact query (the bench waits for 'index').
        reply.header('x-search-source', source);
        // Nothing free: kept as unmet demand (district and hour only), on the primary.
        if (found.items.length === 0)
          await recordUnmetSearch(deps.db, deps.clock.now(), req.query, found.origin, req.ip);
        return found;
      },
    );

    app.get(
      '/api/v1/centers/:id/free-seats',
      {
        schema: {
          tags,
          summary: 'Seats free for a plan and window at one centre',
          params: IdParamSchema,
          querystring: schema.FreeSeatsQuerySchema,
          response: { 200: z.array(schema.FreeSeatSchema), ...problems(400, 404) },
        },
      },
      // From the primary, as search (see there).
      async (req) => freeSeats(deps, req.actor, req.params.id, req.query),
    );
    const CalendarFeedSchema = z
      .object({
        url: z.string().describe('Private address to subscribe to in a calendar app; keep it secret'),
        path: z.string(),
      })
      .meta({ id: 'CalendarFeed' });

    app.get(
      '/api/v1/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'My private iCal feed address (404 until created)',
          response: { 200: CalendarFeedSchema, ...problems(401, 404) },
        },
      },
      async (req) => getCalendarFeed(deps, req.actor),
    );

    app.post(
      '/api/v1/me/calendar-feed',
      {
        schema: {
          tags,
          summary: 'Create my iCal feed, or give it a new address (the old one stops working)',
          response: { 200: CalendarFeedSchema, ...problems(401, 403) },
        },
      },
      async (req) => rotateCalendarFeed(deps, req.actor),
    );

    app.get(
      '/api/v1/calendar/:file',
      {
        schema: {
          tags,
          summary: 'An iCal (RFC 5545) feed of one person’s bookings; the address is the secret',
          params: z.object({
            file: z
              .string()
              .max(100)
              .regex(/\.ics$/, 'must end in .ics'),
          }),
          response: { 200: fileResponse('The feed (RFC 5545)', ['text/calendar']), ...problems(400, 404) },
        },
      },
      async (req, reply) => {
        const ics = await renderCalendarFeed(deps, req.params.file.slice(0, -4));
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .serializer((s: unknown) => s as string)
          .send(ics);
      },
    );
    app.get(
      '/api/v1/occupancy',
      {
        schema: {
          tags: ['bookings', 'centres'],
          summary:
            'Seat-hours booked and used, no-shows, by day, hour, centre, city or province (owner: own centre; staff: all)',
          querystring: OccupancyQuerySchema,
          response: { 200: OccupancyReportSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => occupancyReport(deps, req.actor, req.query),
    );
    app.post(
      '/api/v1/waitlist',
      {
        schema: {
          tags,
          operationId: 'joinWaitlist',
          summary: 'Join the queue for a window with no free seat of the kind (freelancer)',
          description: 'When a seat frees up, the first in line gets it on offer for 30 minutes.',
          body: JoinWaitlistInputSchema,
          response: { 201: WaitlistEntrySchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await waitlist.joinWaitlist(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/me/waitlist',
      {
        schema: {
          tags,
          summary: 'My places in waitlists, with offers to accept',
          response: { 200: z.array(WaitlistEntrySchema), ...problems(401) },
        },
      },
      async (req) => waitlist.listMyWaitlist(deps, req.actor),
    );

    app.post(
      '/api/v1/waitlist/:id/accept',
      {
        schema: {
          tags,
          summary: 'Accept the seat on offer: it becomes my booking',
          params: IdParamSchema,
          response: { 201: schema.BookingSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await waitlist.acceptOffer(deps, req.actor, req.params.id)),
    );

    app.post(
      '/api/v1/waitlist/:id/leave',
      {
        schema: {
          tags,
          summary: 'Leave the queue (an offer passes to the next in line)',
          params: IdParamSchema,
          response: { 200: WaitlistEntrySchema, ...problems(400, 401, 404, 409) },
        },
      },
      async (req) => waitlist.leaveWaitlist(deps, req.actor, req.params.id),
    );
  };
