import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import {
  filePart,
  registerUploadParser,
  uploadBodyDocs,
  uploadDescription,
  uploadPreValidation,
} from '../../platform/uploads/upload-route.ts';
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { InspectionPhotoSchema } from './centers.schema.ts';
import { addInspectionPhoto, assertCanAddPhoto, openInspectionPhoto } from './inspection-photos.service.ts';

const InspectionParams = IdParamSchema.extend({ inspectionId: z.string().uuid() });

/** Photos of an inspection: the inspecting admin uploads; staff and the owner view. Never public. */
export const inspectionPhotoRoutes =
  (deps: Deps, store: UploadStore, maxBytes: number): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['centres'];
    await registerUploadParser(app, maxBytes);

    app.post(
      '/api/v1/centers/:id/inspections/:inspectionId/photos',
      {
        schema: {
          tags,
          operationId: 'uploadInspectionPhoto',
          summary: 'Attach a photo to an inspection (program admin)',
          description: uploadDescription('JPEG or PNG', maxBytes),
          consumes: ['multipart/form-data'],
          params: InspectionParams,
          response: { 201: InspectionPhotoSchema, ...problems(400, 401, 403, 404, 409, 413, 415) },
        },
        config: uploadBodyDocs('JPEG or PNG', maxBytes),
        preValidation: uploadPreValidation(maxBytes, async (req) => {
          const p = req.params as { id: string; inspectionId: string };
          await assertCanAddPhoto(deps, req.actor, p.id, p.inspectionId);
        }),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const photo = await addInspectionPhoto(
          deps,
          req.actor,
          store,
          req.params.id,
          req.params.inspectionId,
          { stream: part.file, fileName: part.filename },
          maxBytes,
        );
        return reply.code(201).send(photo);
      },
    );

    app.get(
      '/api/v1/centers/:id/inspections/:inspectionId/photos/:photoId',
      {
        schema: {
          tags,
          summary: "An inspection photo (programme staff and the centre's owner)",
          params: InspectionParams.extend({ photoId: z.string().uuid() }),
          response: {
            200: fileResponse('The image, with an X-Content-SHA256 header', ['image/jpeg', 'image/png']),
            ...problems(401, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openInspectionPhoto(
          deps,
          req.actor,
          store,
          req.params.id,
          req.params.inspectionId,
          req.params.photoId,
        );
        return reply
          .type(f.photo.contentType)
          .header('content-length', String(f.sizeBytes))
          .header('x-content-sha256', f.photo.sha256)
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );
  };
