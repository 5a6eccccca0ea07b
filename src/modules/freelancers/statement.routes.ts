import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { requireUser } from '../../platform/actor.ts';
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
import { EarningsStatementSchema, MonthSchema } from './freelancers.schema.ts';
import { assertCanAttach, attachStatement, listStatements, openStatement } from './statement.service.ts';

/** Earnings statements: private files behind a freelancer's monthly USD declarations. */
export const statementRoutes =
  (deps: Deps, store: UploadStore, maxBytes: number): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['freelancers'];
    await registerUploadParser(app, maxBytes);

    app.post(
      '/api/v1/me/earnings/:month/statement',
      {
        schema: {
          tags,
          operationId: 'attachMyEarningsStatement',
          summary: "Attach a statement to a month's declared earnings; replaces an earlier one (freelancer)",
          description: uploadDescription(
            'PDF, JPEG or PNG',
            maxBytes,
            ' Only the freelancer and programme staff can download it.',
          ),
          consumes: ['multipart/form-data'],
          params: z.object({ month: MonthSchema }),
          response: { 201: EarningsStatementSchema, ...problems(400, 401, 403, 413, 415) },
        },
        config: uploadBodyDocs('PDF, JPEG or PNG', maxBytes),
        preValidation: uploadPreValidation(maxBytes, async (req) => {
          const month = (req.params as { month: string }).month;
          if (MonthSchema.safeParse(month).success) await assertCanAttach(deps, req.actor, month);
        }),
      },
      async (req, reply) => {
        const part = await filePart(req);
        const st = await attachStatement(
          deps,
          req.actor,
          store,
          req.params.month,
          { stream: part.file, fileName: part.filename },
          maxBytes,
        );
        return reply.code(201).send(st);
      },
    );

    app.get(
      '/api/v1/me/earnings-statements',
      {
        schema: {
          tags,
          summary: 'My earnings statements, newest month first',
          response: { 200: z.array(EarningsStatementSchema), ...problems(401) },
        },
      },
      async (req) => {
        requireUser(req.actor);
        return listStatements(deps, req.actor, req.actor.userId);
      },
    );

    app.get(
      '/api/v1/freelancers/:id/earnings-statements',
      {
        schema: {
          tags,
          summary: "A freelancer's earnings statements (the freelancer, program admin, auditor)",
          params: IdParamSchema,
          response: { 200: z.array(EarningsStatementSchema), ...problems(401, 403) },
        },
      },
      async (req) => listStatements(deps, req.actor, req.params.id),
    );

    app.get(
      '/api/v1/earnings-statements/:id',
      {
        schema: {
          tags,
          summary: 'Download a statement (the freelancer, program admin, auditor; never public)',
          params: IdParamSchema,
          querystring: PurposeQuerySchema,
          response: {
            200: fileResponse('The file, with an X-Content-SHA256 header', [
              'application/pdf',
              'image/jpeg',
              'image/png',
            ]),
            ...problems(401, 404),
          },
        },
      },
      async (req, reply) => {
        const f = await openStatement(deps, req.actor, store, req.params.id, req.query.purpose);
        return sendStoredFile(reply, { ...f.statement, sizeBytes: f.sizeBytes, stream: f.stream });
      },
    );
  };
