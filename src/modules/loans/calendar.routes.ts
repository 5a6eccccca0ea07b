import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { NoContent, problems } from '../../server/http.ts';
import {
  ArrearsBucketsSchema,
  addArrearsBuckets,
  listArrearsBuckets,
  NewArrearsBucketsSchema,
  withdrawArrearsBuckets,
} from './arrears-buckets.service.ts';
import {
  addHoliday,
  HolidaySchema,
  listHolidays,
  NewHolidaySchema,
  removeHoliday,
} from './holidays.service.ts';
import { CalendarDaySchema } from './holidays.ts';

/** The working-day calendar and the arrears buckets (decision 0062): read by loan staff, changed by the admin. */
export const calendarRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];
    app.get(
      '/api/v1/loans/arrears-buckets',
      {
        schema: {
          tags,
          summary:
            'Arrears bucket versions (effective-dated): where each bucket starts and its SBP classification',
          response: { 200: z.array(ArrearsBucketsSchema), ...problems(401, 403) },
        },
      },
      async (req) => listArrearsBuckets(deps, req.actor),
    );
    app.post(
      '/api/v1/loans/arrears-buckets',
      {
        schema: {
          tags,
          summary: 'Add a version of the arrears buckets from today or a later day (admin; audited)',
          body: NewArrearsBucketsSchema,
          response: { 201: ArrearsBucketsSchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await addArrearsBuckets(deps, req.actor, req.body)),
    );
    app.delete(
      // The day is a query parameter: a path `/loans/arrears-buckets/{day}` would be ambiguous with
      // `/loans/{id}/…` (Redocly's no-ambiguous-paths, which CI enforces).
      '/api/v1/loans/arrears-buckets',
      {
        schema: {
          tags,
          summary:
            'Withdraw a version of the arrears buckets not yet in force (admin; audited); one in force is refused 409',
          querystring: z.object({ effectiveFrom: CalendarDaySchema }),
          response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await withdrawArrearsBuckets(deps, req.actor, req.query.effectiveFrom);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/holidays',
      {
        schema: {
          tags,
          summary:
            "A year's public holidays: fixed-date ones, those staff confirmed, and the Islamic ones the tabular Hijri calendar proposes (loan staff and owners: the calendar their due dates follow)",
          querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
          response: { 200: z.array(HolidaySchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listHolidays(deps, req.actor, req.query.year),
    );
    app.post(
      '/api/v1/holidays',
      {
        schema: {
          tags,
          summary: "Confirm an Islamic holiday's date or enter another public holiday (admin; audited)",
          body: NewHolidaySchema,
          response: { 201: HolidaySchema, ...problems(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await addHoliday(deps, req.actor, req.body)),
    );
    app.delete(
      '/api/v1/holidays/:day',
      {
        schema: {
          tags,
          summary:
            'Remove a holiday staff entered (admin; audited); fixed-date ones stay. Instalments not yet due roll again',
          params: z.object({ day: CalendarDaySchema }),
          response: { 204: NoContent, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await removeHoliday(deps, req.actor, req.params.day);
        return reply.code(204).send();
      },
    );
  };
