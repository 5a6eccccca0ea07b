import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { problems } from '../../server/http.ts';
import { myBankAccount, setMyBankAccount } from './trainer-bank.service.ts';

const BankAccountSchema = z
  .object({
    iban: z.string().describe('In full, to the trainer only'),
    ibanMasked: z.string().describe('As lists show it: the bank and the last four digits'),
    updatedAt: z.string(),
  })
  .meta({ id: 'TrainerBankAccount' });

/** A trainer's own bank account (IBAN) for the stipend payment file. */
export const trainerBankRoutes =
  (deps: Deps): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['training'];
    app.get(
      '/api/v1/training/me/bank-account',
      {
        schema: {
          tags,
          operationId: 'getMyTrainerBankAccount',
          summary: 'My bank account for stipends, or null until I record one (trainer)',
          response: { 200: BankAccountSchema.nullable(), ...problems(401, 403) },
        },
      },
      async (req) => myBankAccount(deps, req.actor),
    );
    app.put(
      '/api/v1/training/me/bank-account',
      {
        schema: {
          tags,
          operationId: 'setMyTrainerBankAccount',
          summary: 'Record or change my IBAN for stipends; kept encrypted (trainer)',
          body: z
            .object({ iban: z.string().min(1).max(60).describe('A Pakistani IBAN; spaces allowed') })
            .meta({ id: 'TrainerIban' }),
          response: { 200: BankAccountSchema, ...problems(400, 401, 403) },
        },
      },
      async (req) => setMyBankAccount(deps, req.actor, req.body),
    );
  };
