import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, NoContent, problems } from '../../server/http.ts';
import { InspectionPhotoSchema, PublicCentrePhotoSchema, PublishPhotoInputSchema } from './centers.schema.ts';
import { listPublicPhotos, openPublicPhoto, publishPhoto, withdrawPhoto } from './public-photos.service.ts';

const PhotoParams = IdParamSchema.extend({ inspectionId: z.string().uuid(), photoId: z.string().uuid() });

/** The centre's public photos (decision 0072): staff publish and withdraw; anyone sees the published. */
export const publicPhotoRoutes =
  (deps: Deps, store: UploadStore): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['centres'];
    const url = '/api/v1/centers/:id/inspections/:inspectionId/photos/:photoId/public';

    app.put(
      url,
      {
        schema: {
          tags,
          operationId: 'publishCentrePhoto',
          summary: "Show an inspection photo on the centre's public page (program admin)",
          description:
            'Only a photo of a passed inspection, at most 400 KB, that shows no one who could be recognised and whose publication the owner agreed to, with its description in English and Urdu.',
          params: PhotoParams,
          body: PublishPhotoInputSchema,
          response: { 200: InspectionPhotoSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const p = req.params;
        return publishPhoto(deps, req.actor, p.id, p.inspectionId, p.photoId, req.body);
      },
    );

    app.delete(
      url,
      {
        schema: {
          tags,
          operationId: 'withdrawCentrePhoto',
          summary: "Take a photo off the centre's public page (program admin)",
          params: PhotoParams,
          response: { 204: NoContent, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await withdrawPhoto(deps, req.actor, req.params.id, req.params.inspectionId, req.params.photoId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/centers/:id/photos',
      {
        schema: {
          tags,
          summary: "The centre's public photos, each with its description in English and Urdu",
          params: IdParamSchema,
          response: { 200: z.array(PublicCentrePhotoSchema), ...problems(400, 404) },
        },
      },
      async (req) => listPublicPhotos(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/centers/:id/photos/:photoId',
      {
        schema: {
          tags,
          summary: 'One public photo of the centre',
          params: IdParamSchema.extend({ photoId: z.string().uuid() }),
          response: {
            200: fileResponse('The image', ['image/jpeg', 'image/png']),
            ...problems(400, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openPublicPhoto(deps, req.actor, store, req.params.id, req.params.photoId);
        // An hour in caches: a withdrawn photo may linger that long in a browser, no longer.
        return reply
          .type(f.contentType)
          .header('content-length', String(f.sizeBytes))
          .header('cache-control', f.shared ? 'public, max-age=3600' : 'private, max-age=3600')
          .send(f.stream);
      },
    );
  };
