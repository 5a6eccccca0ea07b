import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date, YYYY-MM-DD' });
const paisa = z.number().int('must be whole paisa').describe('Paisa (Rs 1 = 100)');
const positivePaisa = paisa.min(1, 'must be more than 0').max(100_000_000_000, 'is too large');

export const LoanStatusSchema = z
  .enum(['requested', 'sanctioned', 'declined', 'active', 'closed', 'loss', 'written_off'])
  .meta({ id: 'LoanStatus' });
export const ArrearsBucketSchema = z
  .string()
  .describe("'current' or a bucket of the arrears settings in force, e.g. '1-30', '181+'")
  .meta({ id: 'ArrearsBucket' });

export const InstalmentSchema = z
  .object({
    number: z.number().int(),
    dueDate: z.string(),
    principalMinor: z.number().int(),
    paidMinor: z.number().int(),
    status: z.enum(['scheduled', 'due', 'overdue', 'paid']),
    scheduledDate: z
      .string()
      .optional()
      .describe('Where the due date was moved off a weekend or public holiday: the day the schedule set'),
  })
  .meta({ id: 'LoanInstalment' });

export const ScheduleLineSchema = z
  .object({
    number: z.number().int(),
    dueDate: z.string(),
    principalMinor: z.number().int(),
    scheduledDate: z
      .string()
      .optional()
      .describe('Where the due date was moved off a weekend or public holiday: the day the schedule set'),
  })
  .meta({ id: 'ScheduleLine' });

export const SchedulePreviewInputSchema = z
  .object({
    principalMinor: positivePaisa,
    tenorMonths: z.number().int().min(1).max(240),
    graceMonths: z.number().int().min(0).max(239).default(0),
    start: isoDate.optional().describe('Loan start; the first instalment falls one month after grace ends'),
    firstRepaymentDate: isoDate.optional().describe('Overrides the date worked out from start'),
    repaymentDay: z.number().int().min(1).max(31).optional(),
    unit: z
      .enum(['rupee', 'paisa'])
      .optional()
      .describe('Round instalments to whole rupees or paisa; by default as the programme’s setting'),
  })
  .meta({ id: 'ScheduleQuery' });
export type SchedulePreviewInput = z.infer<typeof SchedulePreviewInputSchema>;

export const SchedulePreviewSchema = z
  .object({
    principalMinor: z.number().int(),
    tenorMonths: z.number().int(),
    graceMonths: z.number().int(),
    repaymentMonths: z.number().int(),
    unit: z.enum(['rupee', 'paisa']),
    instalments: z.array(ScheduleLineSchema),
  })
  .meta({ id: 'SchedulePreview' });
export type SchedulePreview = z.infer<typeof SchedulePreviewSchema>;

export const BenchmarkRateSchema = z
  .object({
    id: z.string().uuid(),
    benchmark: z.string(),
    effectiveFrom: z.string(),
    rateBps: z.number().int(),
    source: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'BenchmarkRate' });
export type BenchmarkRate = z.infer<typeof BenchmarkRateSchema>;

const benchmarkCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'must be upper-case letters, digits or _, e.g. KIBOR_6M');

export const CreateBenchmarkRateInputSchema = z
  .object({
    benchmark: benchmarkCode,
    effectiveFrom: isoDate,
    rateBps: z.number().int().min(0).max(10_000).describe('Basis points: 11.50% = 1150'),
    source: z.string().trim().min(3, 'must say where the rate comes from').max(500),
  })
  .meta({ id: 'CreateBenchmarkRateInput' });
export type CreateBenchmarkRateInput = z.infer<typeof CreateBenchmarkRateInputSchema>;

export const BankSpreadSchema = z
  .object({
    id: z.string().uuid(),
    bankId: z.string().uuid(),
    bankCode: z.string(),
    benchmark: z.string(),
    spreadBps: z.number().int(),
    effectiveFrom: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'BankSpread' });
export type BankSpread = z.infer<typeof BankSpreadSchema>;

export const CreateBankSpreadInputSchema = z
  .object({
    bankId: z.string().uuid(),
    benchmark: benchmarkCode,
    spreadBps: z.number().int().min(0).max(5_000).describe('Basis points over the benchmark'),
    effectiveFrom: isoDate,
  })
  .meta({ id: 'CreateBankSpreadInput' });
export type CreateBankSpreadInput = z.infer<typeof CreateBankSpreadInputSchema>;

export const PartnerBankSchema = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    benchmark: z.string().nullable().describe('The benchmark its spread in force today is over'),
    spreadBps: z.number().int().nullable().describe('Its spread in force today, basis points'),
  })
  .meta({ id: 'PartnerBank' });

export const RegisterBankInputSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be 2–32 capital letters, digits or dashes, e.g. HBL'),
    benchmark: benchmarkCode,
    spreadBps: z.number().int().min(0).max(5_000).describe('Basis points over the benchmark'),
    effectiveFrom: isoDate.describe('The spread applies from this date'),
  })
  .meta({ id: 'RegisterBankInput' });
export type RegisterBankInput = z.infer<typeof RegisterBankInputSchema>;

export const DisbursementSchema = z
  .object({
    id: z.string().uuid(),
    amountMinor: z.number().int(),
    disbursedOn: z.string(),
    bankReference: z.string(),
    reversed: z.boolean().describe('Reversed by an approved correction (the entry itself stays)'),
  })
  .meta({ id: 'LoanDisbursement' });

export const RepaymentSchema = z
  .object({
    id: z.string().uuid(),
    amountMinor: z.number().int(),
    paidOn: z.string(),
    bankReference: z.string(),
    allocation: z.array(z.object({ number: z.number().int(), amountMinor: z.number().int() })),
    excessMinor: z
      .number()
      .int()
      .describe('Paid above the outstanding principal (up to one instalment): owed back to the owner'),
    reversed: z.boolean().describe('Reversed by an approved correction (the entry itself stays)'),
  })
  .meta({ id: 'LoanRepayment' });

export const LoanSummarySchema = z
  .object({
    id: z.string().uuid(),
    applicationId: z.string().uuid(),
    applicationReference: z.string(),
    ownerId: z.string().uuid(),
    bankId: z.string().uuid(),
    bankCode: z.string(),
    provinceCode: z.string(),
    status: LoanStatusSchema,
    requestedMinor: z.number().int(),
    sanctionedMinor: z.number().int().nullable(),
    disbursedMinor: z.number().int(),
    repaidMinor: z.number().int(),
    outstandingMinor: z.number().int(),
    daysPastDue: z.number().int(),
    arrearsBucket: ArrearsBucketSchema,
    sbpClass: z
      .enum(['current', 'regular', 'oaem', 'substandard', 'doubtful', 'loss'])
      .describe(
        'SBP classification of the arrears bucket, by the bucket settings the close of business used',
      ),
    requestedAt: z.string(),
  })
  .meta({ id: 'LoanSummary' });
export type LoanSummary = z.infer<typeof LoanSummarySchema>;

export const LoanSchema = LoanSummarySchema.extend({
  writtenOffMinor: z.number().int().describe('Principal written off with the programme’s approval'),
  tenorMonths: z.number().int().nullable(),
  graceMonths: z.number().int().nullable(),
  repaymentDay: z.number().int().nullable(),
  firstRepaymentDate: z.string().nullable(),
  declineReason: z.string().nullable(),
  firstDisbursedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  classifiedLossOn: z.string().nullable(),
  nextDue: z.object({ dueDate: z.string(), amountMinor: z.number().int() }).nullable(),
  subsidyAccruedMinor: z
    .number()
    .int()
    .describe(
      'Markup subsidy accrued for the loan, with the adjustments of back-dated entries and corrections',
    ),
  subsidyAdjustedMinor: z.number().int().describe('Of which adjustments (decision 0035)'),
  instalments: z.array(InstalmentSchema),
  disbursements: z.array(DisbursementSchema),
  repayments: z.array(RepaymentSchema),
}).meta({ id: 'Loan' });
export type Loan = z.infer<typeof LoanSchema>;

export const RequestLoanInputSchema = z
  .object({
    applicationId: z.string().uuid(),
    bankId: z.string().uuid(),
    amountMinor: positivePaisa,
  })
  .meta({ id: 'RequestLoanInput' });
export type RequestLoanInput = z.infer<typeof RequestLoanInputSchema>;

export const SanctionLoanInputSchema = z
  .object({
    amountMinor: positivePaisa,
    tenorMonths: z.number().int().min(1).max(240),
    graceMonths: z.number().int().min(0).max(239),
    repaymentDay: z.number().int().min(1).max(31),
    firstRepaymentDate: isoDate,
  })
  .meta({ id: 'SanctionLoanInput' });
export type SanctionLoanInput = z.infer<typeof SanctionLoanInputSchema>;

export const DeclineLoanInputSchema = z
  .object({ reason: z.string().trim().min(5, 'must say why (at least 5 characters)').max(2000) })
  .meta({ id: 'DeclineLoanInput' });

export const DisburseInputSchema = z
  .object({
    amountMinor: positivePaisa,
    disbursedOn: isoDate,
    bankReference: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'DisburseInput' });
export type DisburseInput = z.infer<typeof DisburseInputSchema>;

export const RepayInputSchema = z
  .object({
    amountMinor: paisa.max(100_000_000_000, 'is too large'),
    paidOn: isoDate,
    bankReference: z.string().trim().min(1).max(100),
  })
  .meta({ id: 'RepayInput' });
export type RepayInput = z.infer<typeof RepayInputSchema>;

export const LoanListQuerySchema = z.object({ status: LoanStatusSchema.optional() });
