import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { CSV_MEDIA_TYPE } from '../../platform/csv.ts';
import { fileResponse, IdParamSchema, problems } from '../../server/http.ts';
import { addLoanNote, LoanNoteSchema, listLoanNotes, NewLoanNoteSchema } from './loan-notes.service.ts';
import { loanStatement, StatementQuerySchema, StatementSchema } from './statement.service.ts';
import { statementCsv, statementPdf } from './statement-render.ts';

/** The borrower's statement (JSON, CSV, PDF in English or Urdu) and notes on a loan. */
export const statementRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['loans'];

    app.get(
      '/api/v1/loans/:id/statement',
      {
        schema: {
          tags,
          summary: 'The borrower’s period statement (owner, its bank, programme staff)',
          params: IdParamSchema,
          querystring: StatementQuerySchema,
          response: { 200: StatementSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req) => loanStatement(deps, req.actor, req.params.id, req.query),
    );

    app.get(
      '/api/v1/loans/:id/statement.csv',
      {
        schema: {
          tags,
          summary: 'The period statement as CSV, amounts in rupees',
          params: IdParamSchema,
          querystring: StatementQuerySchema,
          response: { 200: fileResponse('The statement', ['text/csv']), ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const s = await loanStatement(deps, req.actor, req.params.id, req.query);
        return reply
          .type(CSV_MEDIA_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="loan-${s.applicationReference}-statement-${s.from}-${s.to}.csv"`,
          )
          .send(statementCsv(s));
      },
    );

    app.get(
      '/api/v1/loans/:id/statement.pdf',
      {
        schema: {
          tags,
          summary: 'The period statement as a PDF in English or Urdu (`lang`)',
          params: IdParamSchema,
          querystring: StatementQuerySchema,
          response: {
            200: fileResponse('The statement', ['application/pdf']),
            ...problems(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        const s = await loanStatement(deps, req.actor, req.params.id, req.query);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `inline; filename="loan-${s.applicationReference}-statement-${s.from}-${s.to}-${req.query.lang}.pdf"`,
          )
          .send(await statementPdf(s, req.query.lang));
      },
    );

    app.get(
      '/api/v1/loans/:id/notes',
      {
        schema: {
          tags,
          summary: 'Notes on a loan, newest first (its bank, programme staff)',
          params: IdParamSchema,
          response: { 200: z.array(LoanNoteSchema), ...problems(401, 403, 404) },
        },
      },
      async (req) => listLoanNotes(deps, req.actor, req.params.id),
    );

    app.post(
      '/api/v1/loans/:id/notes',
      {
        schema: {
          tags,
          summary: 'Add a note to a loan (an officer of its bank, or the programme); audited, never edited',
          params: IdParamSchema,
          body: NewLoanNoteSchema,
          response: { 201: LoanNoteSchema, ...problems(400, 401, 403, 404) },
        },
      },
      async (req, reply) => reply.code(201).send(await addLoanNote(deps, req.actor, req.params.id, req.body)),
    );
  };
