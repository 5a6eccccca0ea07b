import { z } from 'zod';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { REVEALABLE } from './personal-data.ts';

const PurposeSchema = PurposeQuerySchema.shape.purpose;

export const RevealInputSchema = z
  .object({
    fields: z.array(z.enum(REVEALABLE)).min(1, 'name at least one field').max(3),
    purpose: PurposeSchema,
  })
  .meta({ id: 'RevealInput' });

export const RevealedSchema = z
  .object({ cnic: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable() })
  .partial()
  .meta({ id: 'Revealed' });

export const DataAccessSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    reader: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string() }),
    subject: z.object({ userId: z.string(), name: z.string() }),
    fields: z.array(z.string()),
    purpose: z.string(),
    via: z.string().describe('How they looked: reveal, profile, statement, document…'),
  })
  .meta({ id: 'DataAccess' });

export const DataAccessListSchema = z
  .object({ items: z.array(DataAccessSchema) })
  .meta({ id: 'DataAccessList' });

const day = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};
export const MyDataAccessQuerySchema = z.object(page);
export const DataAccessQuerySchema = z.object({
  readerId: z.string().uuid('must be a UUID').optional(),
  subjectId: z.string().uuid('must be a UUID').optional(),
  from: day.optional(),
  to: day.optional(),
  ...page,
});

export const DataAccessAlertSchema = z
  .object({
    id: z.string(),
    reader: z.object({ userId: z.string(), name: z.string(), role: z.string() }),
    hourStart: z.string(),
    people: z.number().int(),
    raisedAt: z.string(),
    review: z.object({ by: z.string().nullable(), at: z.string(), note: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'DataAccessAlert' });

export const DataAccessAlertListSchema = z
  .object({ items: z.array(DataAccessAlertSchema) })
  .meta({ id: 'DataAccessAlertList' });

export const AlertReviewInputSchema = z
  .object({ note: z.string().trim().min(3, 'say what you found (3 characters or more)').max(1000) })
  .meta({ id: 'AlertReviewInput' });
