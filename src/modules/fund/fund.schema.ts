import { z } from 'zod';
import { PurposeQuerySchema } from '../../platform/data-access.ts';
import { conflictNoteField } from '../../platform/review.ts';
import { IsoDateSchema } from '../centers/index.ts';
import { FUND_CURRENCIES, type FundCurrency } from './fund.table.ts';

/** A round's, a rate's or a joint venture's currency (ISO 4217; each has two minor digits). */
export const CurrencySchema = z.enum(FUND_CURRENCIES);

// Amounts are integer minor units: cents (or fils, halalas, pence) of the currency beside them, PKR
// paisa where a field says PkrMinor. Every PKR equivalent carries the dated rate it was taken at.
// Each amount has a ceiling far above any real one, so a slip of the keyboard (a rupee amount typed
// in paisa twice, a round of $10bn) is refused with the field named instead of committing money.

/** The kinds of amount a currency's ceiling is set for. */
export type CeilingKind = 'round' | 'grant' | 'jv' | 'jvForeign';

/**
 * Ceilings in whole units of each currency (decision 0075): the USD figures of decision 43, and
 * for every other currency a round figure worth at least as much (USD 1 ≈ EUR 0.95, GBP 0.80,
 * AED 3.67, SAR 3.75), so no currency's round is refused below what a dollar round may be.
 * Fixed numbers, not a rate: a ceiling guards against typing slips, and must not move with the
 * rupee or refuse a request when the day's rate is missing.
 * round: one round, one investor's part of it, one arrival; grant: one grant asked or approved,
 * one tranche; jv: a joint venture's commitment, call, distribution, exit or value; jvForeign: the
 * foreign capital raised alongside a joint venture.
 */
export const CEILINGS: Record<FundCurrency, Record<CeilingKind, number>> = {
  USD: { round: 500_000_000, grant: 5_000_000, jv: 1_000_000_000, jvForeign: 10_000_000_000 },
  EUR: { round: 500_000_000, grant: 5_000_000, jv: 1_000_000_000, jvForeign: 10_000_000_000 },
  GBP: { round: 400_000_000, grant: 4_000_000, jv: 800_000_000, jvForeign: 8_000_000_000 },
  AED: { round: 2_000_000_000, grant: 20_000_000, jv: 4_000_000_000, jvForeign: 40_000_000_000 },
  SAR: { round: 2_000_000_000, grant: 20_000_000, jv: 4_000_000_000, jvForeign: 40_000_000_000 },
};

/** A ceiling in minor units of its currency (every fund currency has two minor digits). */
export const ceilingMinor = (kind: CeilingKind, currency: FundCurrency) => CEILINGS[currency][kind] * 100;

export const LIMITS = {
  /** The rule set's cap on one grant is in USD. */
  grantUsd: ceilingMinor('grant', 'USD'),
  /** A fiscal year's envelope: Rs 100 billion (the fund's is about Rs 2 billion). */
  envelopePkr: 100_000_000_000 * 100,
  /** A startup's quarterly revenue: Rs 50 billion; exports, follow-on funding: USD 1 billion. */
  revenuePkr: 50_000_000_000 * 100,
  reportUsd: 1_000_000_000 * 100,
} as const;
const money = (min: 0 | 1, max: number, unit: 'USD' | 'PKR') =>
  z
    .number()
    .int()
    .min(min)
    .max(
      max,
      unit === 'USD'
        ? `must be at most $${(max / 100).toLocaleString('en-US')} (${max} cents)`
        : `must be at most Rs ${(max / 100).toLocaleString('en-US')} (${max} paisa)`,
    );
/**
 * An amount in the currency the request, its grant or its fund names: no bound here (the currency
 * may not be known yet); the service checks it against that currency's ceiling (`ceilings.ts`),
 * so the refusal names the ceiling in the currency the amount is in.
 */
const inCurrency = (min: 0 | 1 = 1) => z.number().int().min(min);
const minor = (max: number) => money(1, max, 'USD');
const minorOrZero = (max: number) => money(0, max, 'USD');
const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max);
const country = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code (ISO 3166), e.g. PK, US, AE');
const uuid = z.string().uuid('must be a UUID');

export const InvestorInputSchema = z
  .object({
    name: text(200, 2),
    jurisdiction: country.describe('Where the investor is registered; PK is local, any other is foreign'),
    registrationNo: text(100, 2),
    evidence: text(1000, 3).describe(
      'Where the registration can be checked: a registry link or document reference',
    ),
    contactEmail: z.string().trim().email('must be an email address'),
  })
  .meta({ id: 'FundRegisterInvestorInput' });
export type InvestorInput = z.infer<typeof InvestorInputSchema>;

export const InvestorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    jurisdiction: z.string(),
    foreign: z.boolean(),
    registrationNo: z.string(),
    evidence: z.string(),
    contactEmail: z
      .string()
      .nullable()
      .describe('Only for the fund’s staff and whoever registered the investor'),
    status: z.enum(['pending', 'verified', 'rejected']),
    statusNote: z.string().nullable(),
    verifiedAt: z.string().nullable(),
  })
  .meta({ id: 'FundInvestor' });
export type Investor = z.infer<typeof InvestorSchema>;

export const VerifyInvestorInputSchema = z
  .object({ decision: z.enum(['verified', 'rejected']), note: z.string().trim().max(1000).optional() })
  .meta({ id: 'FundVerifyInvestorInput' });

export const StartupStageSchema = z.enum(['pre_seed', 'seed', 'series_a', 'series_b_plus']);
export const SECTORS = [
  'fintech',
  'agritech',
  'healthtech',
  'edtech',
  'ecommerce',
  'logistics',
  'saas',
  'climate',
  'other',
] as const;

export const StartupInputSchema = z
  .object({
    name: text(200, 2),
    incorporationNo: text(50, 3).describe('SECP incorporation number (or the foreign registry’s)'),
    incorporatedIn: country,
    sector: z.enum(SECTORS),
    cityId: z.number().int().min(1),
    stage: StartupStageSchema,
    founders: z
      .array(
        z.object({
          name: text(200),
          cnic: z
            .string()
            .trim()
            .regex(/^\d{5}-\d{7}-\d$/, 'must be a CNIC: #####-#######-#'),
        }),
      )
      .min(1, 'name at least one founder')
      .max(10),
  })
  .meta({ id: 'FundRegisterStartupInput' });
export type StartupInput = z.infer<typeof StartupInputSchema>;

export const StartupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    incorporationNo: z.string(),
    incorporatedIn: z.string(),
    sector: z.string(),
    cityId: z.number().int(),
    cityName: z.string(),
    cityNameUr: z.string().nullable(),
    stage: StartupStageSchema,
    founders: z
      .array(z.object({ name: z.string(), cnic: z.string() }))
      .describe(
        'Private: the owner sees them in full; staff and auditors with CNICs masked (35202-*****67-1), in full only through a reveal with a purpose; the committee none',
      ),
  })
  .meta({ id: 'FundStartup' });
export type Startup = z.infer<typeof StartupSchema>;

export const RevealFoundersInputSchema = z
  .object({ purpose: PurposeQuerySchema.shape.purpose })
  .meta({ id: 'FundRevealFoundersInput' });

export const RevealedFoundersSchema = StartupSchema.pick({ founders: true }).meta({
  id: 'FundRevealedFounders',
});

export const RuleSetInputSchema = z
  .object({
    effectiveFrom: IsoDateSchema,
    maxGrantMinor: minor(LIMITS.grantUsd).describe('Cap on one grant, USD cents'),
    maxGrantShareBps: z.number().int().min(1).max(10000).describe('Grant at most this share of the round'),
    minForeignShareBps: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .describe('Foreign investors at least this share of the round'),
    maxGrantsPerStartup: z.number().int().min(1).max(10),
    quorum: z
      .number()
      .int()
      .min(1)
      .max(20)
      .describe('Committee members without a conflict who must score before a decision'),
    minScore: z.number().int().min(0).max(100).describe('The lowest average score an approval needs'),
    maxRateAgeDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .describe('An exchange rate older than this many days is refused'),
    appealWindowDays: z
      .number()
      .int()
      .min(0)
      .max(365)
      .default(10)
      .describe('Days after a decision in which the founder may appeal it'),
  })
  .meta({ id: 'FundPublishRulesInput' });
export const RuleSetSchema = RuleSetInputSchema.extend({ id: z.string() }).meta({ id: 'FundRuleSet' });

export const FxRateInputSchema = z
  .object({
    currency: CurrencySchema.default('USD').describe('The currency the rate is for'),
    onDate: IsoDateSchema,
    rate: z
      .string()
      .trim()
      .regex(
        /^\d{1,6}(\.\d{1,6})?$/,
        'must be rupees per unit of the currency, up to six decimals, e.g. 278.45',
      )
      .refine((s) => Number(s) > 0, 'must be more than zero')
      .refine((s) => Number(s) <= 10_000, 'must be at most 10,000 rupees per unit'),
    source: text(300, 3).describe('Where the rate comes from, e.g. "SBP weighted average customer rate"'),
  })
  .meta({ id: 'FundEnterRateInput' });
export const FxRateSchema = z
  .object({
    id: z.string(),
    currency: CurrencySchema,
    onDate: z.string(),
    rate: z.string(),
    pkrMicros: z.number().int(),
    source: z.string(),
  })
  .meta({ id: 'FundFxRate' });
export type FxRate = z.infer<typeof FxRateSchema>;

export const BudgetInputSchema = z
  .object({
    fiscalYear: z.number().int().min(2000).max(2100).describe('July of this year to June of the next'),
    envelopePkrMinor: money(0, LIMITS.envelopePkr, 'PKR'),
  })
  .meta({ id: 'FundSetBudgetInput' });
export const BudgetSchema = z
  .object({
    fiscalYear: z.number().int(),
    label: z.string(),
    envelopePkrMinor: z.number().int(),
    committedPkrMinor: z.number().int(),
    disbursedPkrMinor: z.number().int(),
    fxDifferencePkrMinor: z
      .number()
      .int()
      .describe('Paid in PKR above (positive) or below the commitment, at payment-date rates'),
    leftPkrMinor: z.number().int(),
  })
  .meta({ id: 'FundBudget' });

export const GrantInputSchema = z
  .object({
    startupId: uuid,
    leadInvestorId: uuid,
    currency: CurrencySchema.describe(
      'The round’s currency: every amount of the application, its arrivals and tranches is in its minor units',
    ),
    roundMinor: inCurrency().describe('The whole round, grant included'),
    requestedMinor: inCurrency().describe('The matching grant asked for'),
    investors: z
      .array(z.object({ investorId: uuid, amountMinor: inCurrency() }))
      .min(1)
      .max(30),
    documents: z
      .array(
        z.object({ kind: z.enum(['term_sheet', 'subscription_agreement', 'other']), reference: text(500) }),
      )
      .min(1)
      .max(20),
  })
  .meta({ id: 'FundApplyInput' });
export type GrantInput = z.infer<typeof GrantInputSchema>;

export const ReviewInputSchema = z
  .object({ conflict: z.boolean(), note: conflictNoteField })
  .meta({ id: 'FundConflictDeclarationInput' });
export const ScoreInputSchema = z
  .object({ score: z.number().int().min(0).max(100), comment: z.string().trim().max(2000).optional() })
  .meta({ id: 'FundScoreInput' });
export const DecideInputSchema = z
  .object({
    decision: z.enum(['approved', 'rejected']),
    reason: text(2000),
    approvedMinor: inCurrency()
      .optional()
      .describe('Approved grant, in the round’s currency; defaults to what was asked, never more'),
  })
  .meta({ id: 'FundDecisionInput' });
export const ArrivalInputSchema = z
  .object({
    investorId: uuid,
    amountMinor: inCurrency().describe('In the round’s currency'),
    arrivedOn: IsoDateSchema,
    evidence: text(1000, 3).describe('Bank credit advice / SWIFT reference'),
  })
  .meta({ id: 'FundArrivalInput' });
export const ArrivalReviewInputSchema = z
  .object({ decision: z.enum(['accepted', 'rejected']), note: z.string().trim().max(1000).optional() })
  .meta({ id: 'FundArrivalReviewInput' });
export const TrancheInputSchema = z
  .object({
    paidOn: IsoDateSchema,
    amountMinor: inCurrency()
      .optional()
      .describe('In the round’s currency; defaults to all that the arrivals allow'),
  })
  .meta({ id: 'FundTrancheInput' });
export const ReportInputSchema = z
  .object({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q3'),
    jobs: z.number().int().min(0).max(1_000_000),
    revenuePkrMinor: money(0, LIMITS.revenuePkr, 'PKR'),
    exportsUsdMinor: minorOrZero(LIMITS.reportUsd),
    followOnUsdMinor: minorOrZero(LIMITS.reportUsd),
    stillInPakistan: z.boolean(),
  })
  .meta({ id: 'FundReportInput' });
export const RecoveryInputSchema = z
  .object({ condition: z.enum(['moved_abroad', 'misuse', 'false_statement', 'other']), reason: text(2000) })
  .meta({ id: 'FundRecoveryInput' });

export const JvInputSchema = z
  .object({
    name: text(200, 2),
    managerId: uuid.describe('The foreign manager, a verified investor'),
    currency: CurrencySchema.default('USD').describe(
      'The fund’s currency: every amount of it is in its minor units',
    ),
    commitmentMinor: inCurrency().describe('The programme’s commitment, in the fund’s currency'),
    foreignRaisedMinor: inCurrency(0).describe('Foreign capital raised alongside, in the fund’s currency'),
    committedOn: IsoDateSchema,
  })
  .meta({ id: 'FundCommitJvInput' });
export const JvMovementInputSchema = z
  .object({
    kind: z
      .enum(['call', 'distribution', 'valuation', 'exit'])
      .describe(
        'An exit closes the investment: what it returns is all that comes back, the rest a realised loss',
      ),
    onDate: IsoDateSchema,
    amountMinor: inCurrency(0).describe(
      'In the fund’s currency: the call, the distribution or exit proceeds, or the programme’s share of the reported value',
    ),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'FundRecordJvMovementInput' });
