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
import { fileResponse, IdParamSchema, NoContent, problems } from '../../server/http.ts';
import { fileAppeal, resolveAppeal } from './appeal.service.ts';
import * as schema from './application.schema.ts';
import * as apps from './application.service.ts';
import { assignEvaluators, listAssignments } from './assignment.service.ts';
import { assertCanUpload, openDocument, removeDocument, uploadDocument } from './document.service.ts';
import { AssignInputSchema, ScoredAssignmentSchema } from './evaluation.schema.ts';

const UploadQuerySchema = z.object({
  kind: z.enum(['document', 'photo']).default('document'),
  title: z.string().trim().max(200).default(''),
});

/** Owners' applications, their documents and appeals; the admin's manual assignment. */
export const applicationRoutes =
  (deps: Deps, store: UploadStore, maxUploadBytes: number): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['calls'];
    // Registered here, not globally: only these routes accept multipart bodies.
    await registerUploadParser(app, maxUploadBytes, 5);

    app.get(
      '/api/v1/applications',
      {
        schema: {
          tags,
          summary: 'My applications (owner); all applications (admin, auditor)',
          querystring: schema.ApplicationListQuerySchema,
          response: { 200: z.array(schema.ApplicationSummarySchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => apps.listApplications(deps, req.actor, req.query),
    );

    app.post(
      '/api/v1/applications',
      {
        schema: {
          tags,
          summary: 'Start a draft application to an open call (owner); one per building per call',
          body: schema.CreateApplicationInputSchema,
          response: { 201: schema.ApplicationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.code(201).send(await apps.createApplication(deps, req.actor, req.body)),
    );

    app.get(
      '/api/v1/applications/:id',
      {
        schema: {
          tags,
          summary:
            'One application with documents, result and appeal (its owner, admin, auditor, or an assigned evaluator after declaring no conflict)',
          params: IdParamSchema,
          response: { 200: schema.ApplicationSchema, ...problems(401, 403, 404, 409) },
        },
      },
      async (req) => apps.getApplication(deps, req.actor, req.params.id),
    );

    app.patch(
      '/api/v1/applications/:id',
      {
        schema: {
          tags,
          summary: 'Save changes to a draft application (owner)',
          params: IdParamSchema,
          body: schema.UpdateApplicationInputSchema,
          response: { 200: schema.ApplicationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => apps.updateApplication(deps, req.actor, req.params.id, req.body),
    );

    app.post(
      '/api/v1/applications/:id/submit',
      {
        schema: {
          tags,
          summary: 'Submit the application (owner): final and timestamped, only while the call is open',
          params: IdParamSchema,
          response: { 200: schema.ApplicationSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => apps.submitApplication(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/applications/:id/documents',
      {
        schema: {
          tags,
          operationId: 'uploadApplicationDocument',
          summary: 'Upload a document or photo to a draft (owner)',
          description: uploadDescription('PDF, JPEG or PNG', maxUploadBytes),
          consumes: ['multipart/form-data'],
          params: IdParamSchema,
          querystring: UploadQuerySchema,
          response: { 201: schema.DocumentSchema, ...problems(400, 401, 403, 404, 409, 413, 415) },
        },
        // Refuse an oversized body from its declared length before reading any of it.
        config: uploadBodyDocs('PDF, JPEG or PNG', maxUploadBytes),
        preValidation: uploadPreValidation(maxUploadBytes, (req) =>
          assertCanUpload(deps, req.actor, (req.params as { id: string }).id),
        ),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const doc = await uploadDocument(
          deps,
          req.actor,
          store,
          req.params.id,
          {
            stream: part.file,
            fileName: part.filename,
            declaredType: part.mimetype,
            kind: req.query.kind,
            title: req.query.title,
          },
          maxUploadBytes,
        );
        return reply.code(201).send(doc);
      },
    );

    app.get(
      '/api/v1/applications/:id/documents/:documentId',
      {
        schema: {
          tags,
          summary: 'Download a document (owner, admin, auditor, assigned evaluator who declared no conflict)',
          description:
            'Anyone but the owner is recorded in the owner’s data-access log; programme staff say why (`purpose`), an assigned evaluator reads for application_review.',
          params: schema.DocIdParamSchema,
          querystring: PurposeQuerySchema,
          response: {
            200: fileResponse('The file, with its type and an X-Content-SHA256 header', [
              'application/pdf',
              'image/jpeg',
              'image/png',
            ]),
            ...problems(401, 403, 404, 409),
          },
        },
      },
      async (req, reply) => {
        const f = await openDocument(
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

    app.delete(
      '/api/v1/applications/:id/documents/:documentId',
      {
        schema: {
          tags,
          summary: 'Remove a document from a draft (owner)',
          params: schema.DocIdParamSchema,
          response: { 204: NoContent, ...problems(401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        await removeDocument(deps, req.actor, store, req.params.id, req.params.documentId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/applications/:id/assignments',
      {
        schema: {
          tags,
          summary:
            'Evaluators of an application: declarations, recusal notes and submitted scores (admin, auditor)',
          params: IdParamSchema,
          response: { 200: z.array(ScoredAssignmentSchema), ...problems(401, 403) },
        },
      },
      async (req) => listAssignments(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/applications/:id/assignments',
      {
        schema: {
          tags,
          summary: 'Assign chosen evaluators to a submitted application (admin)',
          params: IdParamSchema,
          body: AssignInputSchema,
          response: { 200: z.array(ScoredAssignmentSchema), ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        await assignEvaluators(deps, req.actor, req.params.id, req.body.evaluatorIds);
        return listAssignments(deps, req.actor, req.params.id);
      },
    );

    app.post(
      '/api/v1/applications/:id/appeal',
      {
        schema: {
          tags,
          summary: 'Appeal the decision once, within the appeal window (owner)',
          params: IdParamSchema,
          body: schema.AppealInputSchema,
          response: { 201: schema.AppealSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await fileAppeal(deps, req.actor, req.params.id, req.body.text)),
    );

    app.post(
      '/api/v1/appeals/:id/resolve',
      {
        schema: {
          tags,
          summary: 'Resolve an appeal as upheld or rejected, with the reason (admin)',
          params: IdParamSchema,
          body: schema.ResolveAppealInputSchema,
          response: { 200: schema.AppealSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => resolveAppeal(deps, req.actor, req.params.id, req.body),
    );
  };
