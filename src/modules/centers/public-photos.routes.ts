import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, NoContent, problems } from '../../server/http.ts';
import {
  InspectionPhotoSchema,
  PhotoConsentInputSchema,
  PublicCentrePhotoSchema,
  PublishPhotoInputSchema,
} from './centers.schema.ts';
import { setPhotoConsent } from './photo-consent.service.ts';
import {
  listPublicPhotos,
  openPublicRendition,
  publishPhoto,
  withdrawPhoto,
} from './public-photos.service.ts';

const PhotoParams = IdParamSchema.extend({ inspectionId: z.string().uuid(), photoId: z.string().uuid() });

/**
 * The centre's public photos (decisions 0072, 0078): the owner consents, staff publish and
 * withdraw; anyone sees the published photos' smaller copies.
 */
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
            "Only a photo of a passed inspection whose publication the centre's owner consented to (…/consent), that shows no one who could be recognised, with its description in English and Urdu. The public gets its smaller copies without metadata, never the original.",
          params: PhotoParams,
          body: PublishPhotoInputSchema,
          response: { 200: InspectionPhotoSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const p = req.params;
        return publishPhoto(deps, req.actor, store, p.id, p.inspectionId, p.photoId, req.body);
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
          description: 'A photo that is not on the public page is refused (409).',
          response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await withdrawPhoto(deps, req.actor, req.params.id, req.params.inspectionId, req.params.photoId);
        return reply.code(204).send();
      },
    );

    app.put(
      '/api/v1/centers/:id/inspections/:inspectionId/photos/:photoId/consent',
      {
        schema: {
          tags,
          operationId: 'setCentrePhotoConsent',
          summary: 'The owner gives or withdraws consent to publishing a photo of their centre (owner)',
          description:
            'Recorded with its time and audited. Withdrawing takes the photo off the public page at once. Asking for the state it is already in changes nothing.',
          params: PhotoParams,
          body: PhotoConsentInputSchema,
          response: { 200: InspectionPhotoSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => {
        const p = req.params;
        return setPhotoConsent(deps, req.actor, p.id, p.inspectionId, p.photoId, req.body);
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
      '/api/v1/centers/:id/photos/:photoId/:width',
      {
        schema: {
          tags,
          summary: 'A smaller copy of one public photo of the centre, without metadata',
          params: IdParamSchema.extend({
            photoId: z.string().uuid(),
            width: z.coerce.number().int().min(1).max(4096),
          }),
          response: {
            200: fileResponse('The image (WebP)', ['image/webp']),
            ...problems(400, 404),
          },
        },
      },
      async (req, reply) => {
        const p = req.params;
        const f = await openPublicRendition(deps, req.actor, store, p.id, p.photoId, p.width);
        // An hour in caches: a withdrawn photo may linger that long in a browser, no longer.
        return reply
          .type(f.contentType)
          .header('content-length', String(f.sizeBytes))
          .header('cache-control', f.shared ? 'public, max-age=3600' : 'private, max-age=3600')
          .send(f.stream);
      },
    );
  };
