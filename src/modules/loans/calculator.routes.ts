import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { calculateLoan, LoanCalculatorInputSchema, LoanCalculatorSchema } from './calculator.service.ts';

/** The public loan calculator for building owners (web: /calculator). */
export const calculatorRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/loans/calculator',
      {
        schema: {
          tags: ['loans'],
          summary:
            'Loan calculator: instalments and the markup the programme would pay (public; nothing is stored)',
          body: LoanCalculatorInputSchema,
          response: { 200: LoanCalculatorSchema, ...problems(400) },
        },
      },
      async (req) => calculateLoan(deps, req.body),
    );
  };
