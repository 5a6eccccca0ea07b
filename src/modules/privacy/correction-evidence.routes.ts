import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import {
  filePart,
  registerUploadParser,
  sendStoredFile,
  uploadBodyDocs,
  uploadDescription,
  uploadPreValidation,
} from '../../platform/uploads/upload-route.ts';
import { uploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { assertCanAttachEvidence, attachEvidence, openEvidence } from './correction-evidence.service.ts';
import { EvidenceFileSchema } from './privacy.schema.ts';

/** Evidence files are documents like a CNIC copy: the same 10 MB as other uploaded documents. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** A correction request's evidence as an uploaded file (decision 0077). */
export const correctionEvidenceRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['privacy'];
    const store = uploadStore(deps);
    await registerUploadParser(app, EVIDENCE_MAX_BYTES);

    app.post(
      '/api/v1/me/corrections/:id/evidence',
      {
        schema: {
          tags,
          operationId: 'attachCorrectionEvidence',
          summary:
            'Attach a file showing the right value to my pending correction request; replaces an earlier one',
          description: uploadDescription(
            'PDF, JPEG or PNG',
            EVIDENCE_MAX_BYTES,
            ' Encrypted at rest; only you and programme staff (with a recorded purpose) can open it.',
          ),
          consumes: ['multipart/form-data'],
          params: IdParamSchema,
          response: { 201: EvidenceFileSchema, ...problems(400, 401, 404, 409, 413, 415) },
        },
        config: uploadBodyDocs('PDF, JPEG or PNG', EVIDENCE_MAX_BYTES),
        preValidation: uploadPreValidation(EVIDENCE_MAX_BYTES, async (req) => {
          const id = (req.params as { id: string }).id;
          if (IdParamSchema.safeParse({ id }).success) await assertCanAttachEvidence(deps, req.actor, id);
        }),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const file = await attachEvidence(
          deps,
          req.actor,
          store,
          req.params.id,
          { stream: part.file, fileName: part.filename },
          EVIDENCE_MAX_BYTES,
        );
        return reply.code(201).send(file);
      },
    );

    app.get(
      '/api/v1/corrections/:id/evidence',
      {
        schema: {
          tags,
          operationId: 'openCorrectionEvidence',
          summary:
            "Download a correction request's evidence file (the person; programme staff with a purpose, recorded)",
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: {
            200: fileResponse('The file, with an X-Content-SHA256 header', [
              'application/pdf',
              'image/jpeg',
              'image/png',
            ]),
            ...problems(400, 401, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openEvidence(deps, req.actor, store, req.params.id, req.query.purpose);
        return sendStoredFile(reply, { ...f.file, sizeBytes: f.sizeBytes, stream: f.stream });
      },
    );
  };
