import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/actor.ts';
import { localDiskStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { notFound } from '../../shared/errors.ts';
import {
  InspectionPhotoSchema,
  latestPassedInspectionPhotos,
  openPassedInspectionPhoto,
} from '../centers/index.ts';
import { canSeeBooking } from './booking-access.ts';
import * as repo from './bookings.repository.ts';

/** The booking, when the actor may see it (its booker, the centre's owner, staff); else 404. */
async function visibleBooking(deps: Deps, actor: Actor, bookingId: string) {
  const row = await repo.findBookingRow(deps.db, bookingId);
  if (!row || !canSeeBooking(actor, row)) throw notFound('Booking');
  return row;
}

/**
 * The centre's photos on a booking: those of its latest passed inspection, shown to whoever may see
 * the booking. Inspection photos stay out of public answers (decision 0048); a freelancer sees
 * them once they have booked there.
 */
export const bookingPhotoRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const store = localDiskStore(deps.config.uploadDir, deps);
    app.get(
      '/api/v1/bookings/:id/photos',
      {
        schema: {
          tags: ['bookings'],
          summary: 'Photos of the booked centre (its latest passed inspection)',
          params: IdParamSchema,
          response: { 200: z.array(InspectionPhotoSchema), ...problems(400, 401, 404) },
        },
      },
      async (req) => {
        const b = await visibleBooking(deps, req.actor, req.params.id);
        return latestPassedInspectionPhotos(deps, b.center_id);
      },
    );

    app.get(
      '/api/v1/bookings/:id/photos/:photoId',
      {
        schema: {
          tags: ['bookings'],
          summary: 'One photo of the booked centre',
          params: IdParamSchema.extend({ photoId: z.string().uuid() }),
          response: {
            200: fileResponse('The image', ['image/jpeg', 'image/png']),
            ...problems(400, 401, 404),
          },
        },
      },
      async (req, reply) => {
        const b = await visibleBooking(deps, req.actor, req.params.id);
        const f = await openPassedInspectionPhoto(deps, store, b.center_id, req.params.photoId);
        return reply
          .type(f.photo.contentType)
          .header('content-length', String(f.sizeBytes))
          .header('cache-control', 'private, max-age=3600')
          .send(f.stream);
      },
    );
  };
