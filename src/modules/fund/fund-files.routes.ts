import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import { localDiskStore, type UploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import {
  FundAppealInputSchema,
  FundAppealSchema,
  FundResolveAppealInputSchema,
  fileGrantAppeal,
  listGrantAppeals,
  resolveGrantAppeal,
} from './appeal.service.ts';
import {
  assertCanUploadFundDocument,
  FUND_MAX_UPLOAD_BYTES,
  FundDocumentSchema,
  FundUploadQuerySchema,
  listFundDocuments,
  openFundDocument,
  uploadFundDocument,
} from './document.service.ts';

/** A grant application's uploaded documents, and appeals on a grant decision. */
export const fundFileRoutes =
  (
    deps: Deps,
    store: UploadStore = localDiskStore(deps.config.uploadDir, deps),
    maxBytes = FUND_MAX_UPLOAD_BYTES,
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['fund'];
    await registerUploadParser(app, maxBytes, 2);

    app.post(
      '/api/v1/fund/grants/:id/documents',
      {
        schema: {
          tags,
          operationId: 'uploadFundDocument',
          summary:
            'Upload a document to an application: pitch deck, incorporation papers, a founder’s ID… (founder, staff)',
          description: uploadDescription('PDF, JPEG or PNG', maxBytes),
          consumes: ['multipart/form-data'],
          params: IdParamSchema,
          querystring: FundUploadQuerySchema,
          response: { 201: FundDocumentSchema, ...problems(400, 401, 403, 404, 409, 413, 415) },
        },
        config: uploadBodyDocs('PDF, JPEG or PNG', maxBytes),
        preValidation: uploadPreValidation(maxBytes, (req) =>
          assertCanUploadFundDocument(deps, req.actor, (req.params as { id: string }).id),
        ),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const doc = await uploadFundDocument(
          deps,
          req.actor,
          store,
          req.params.id,
          { stream: part.file, fileName: part.filename, kind: req.query.kind, title: req.query.title },
          maxBytes,
        );
        return reply.code(201).send(doc);
      },
    );
    app.get(
      '/api/v1/fund/grants/:id/documents',
      {
        schema: {
          tags,
          summary:
            'An application’s documents (founder, staff, auditors, committee members without a conflict)',
          params: IdParamSchema,
          response: { 200: z.array(FundDocumentSchema), ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => listFundDocuments(deps, req.actor, req.params.id),
    );
    app.get(
      '/api/v1/fund/documents/:id',
      {
        schema: {
          tags,
          summary:
            'Download a document; a founder’s ID only by the founder, staff and auditors, staff saying why (recorded)',
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: {
            200: fileResponse('The file, with its type and an X-Content-SHA256 header', [
              'application/pdf',
              'image/jpeg',
              'image/png',
            ]),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openFundDocument(deps, req.actor, store, req.params.id, req.query.purpose);
        return sendStoredFile(reply, f);
      },
    );

    app.post(
      '/api/v1/fund/grants/:id/appeal',
      {
        schema: {
          tags,
          summary: 'Appeal the decision once, within the rule set’s appeal window (founder)',
          params: IdParamSchema,
          body: FundAppealInputSchema,
          response: { 201: FundAppealSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await fileGrantAppeal(deps, req.actor, req.params.id, req.body.text)),
    );
    app.get(
      '/api/v1/fund/appeals',
      {
        schema: {
          tags,
          summary: 'Every appeal on a grant decision (staff, auditors)',
          response: { 200: z.array(FundAppealSchema), ...problems(401, 403) },
        },
      },
      async (req) => listGrantAppeals(deps, req.actor),
    );
    app.post(
      '/api/v1/fund/appeals/:id/resolve',
      {
        schema: {
          tags,
          summary:
            'Resolve an appeal as upheld (a rejection is decided again) or rejected, with the reason (program admin)',
          params: IdParamSchema,
          body: FundResolveAppealInputSchema,
          response: { 200: FundAppealSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => resolveGrantAppeal(deps, req.actor, req.params.id, req.body),
    );
  };
