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
import type { UploadStore } from '../../platform/uploads/upload-store.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import {
  addLoanDocument,
  assertCanAddDocument,
  LOAN_DOCUMENT_KINDS,
  LoanDocumentSchema,
  listLoanDocuments,
  openLoanDocument,
} from './loan-documents.service.ts';

/** Documents on a loan: its bank or the admin adds them; its owner, its bank and staff read them. */
export const loanDocumentRoutes =
  (deps: Deps, store: UploadStore, maxBytes: number): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];
    await registerUploadParser(app, maxBytes);
    app.post(
      '/api/v1/loans/:id/documents',
      {
        schema: {
          tags,
          operationId: 'uploadLoanDocument',
          summary: "Add a document to a loan (the loan's bank or the programme admin; audited)",
          description: uploadDescription(
            'PDF, JPEG or PNG',
            maxBytes,
            ` The query parameter kind says what it is: ${LOAN_DOCUMENT_KINDS.join(', ')}.`,
          ),
          consumes: ['multipart/form-data'],
          params: IdParamSchema,
          querystring: z.object({ kind: z.string().optional() }),
          response: { 201: LoanDocumentSchema, ...problems(400, 401, 403, 404, 413, 415) },
        },
        config: uploadBodyDocs('PDF, JPEG or PNG', maxBytes),
        preValidation: uploadPreValidation(maxBytes, async (req) => {
          await assertCanAddDocument(deps, req.actor, (req.params as { id: string }).id);
        }),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const doc = await addLoanDocument(
          deps,
          req.actor,
          store,
          req.params.id,
          req.query.kind,
          { stream: part.file, fileName: part.filename },
          maxBytes,
        );
        return reply.code(201).send(doc);
      },
    );
    app.get(
      '/api/v1/loans/:id/documents',
      {
        schema: {
          tags,
          summary: "A loan's documents (its owner, its bank, programme staff)",
          params: IdParamSchema,
          response: { 200: z.array(LoanDocumentSchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => listLoanDocuments(deps, req.actor, req.params.id),
    );
    app.get(
      '/api/v1/loans/:id/documents/:documentId',
      {
        schema: {
          tags,
          summary:
            "One of a loan's documents (its owner, its bank, programme staff: staff say why with ?purpose=, recorded against the owner)",
          params: IdParamSchema.extend({ documentId: z.string().uuid() }),
          querystring: PurposeQuerySchema,
          response: {
            200: fileResponse('The file, with an X-Content-SHA256 header', [
              'application/pdf',
              'image/jpeg',
              'image/png',
            ]),
            ...problems(401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openLoanDocument(
          deps,
          req.actor,
          store,
          req.params.id,
          req.params.documentId,
          req.query.purpose,
        );
        return sendStoredFile(reply, { ...f.document, sizeBytes: f.sizeBytes, stream: f.stream });
      },
    );
  };
