import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { centersRoutes } from '../centers/index.ts';
import { freelancersRoutes } from '../freelancers/index.ts';
import { bookingsRoutes } from './bookings.routes.ts';

/** Centres, bookings and freelancers' routes together, so the app registers them in one line. */
export const centresAndBookingsRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(centersRoutes(deps));
    await app.register(bookingsRoutes(deps));
    await app.register(freelancersRoutes(deps));
  };
