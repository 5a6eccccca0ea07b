import { FUND_CURRENCIES, fundGrantRecords, fundJvRecords } from '../fund/index.ts';
import { dataset } from './open-data.dataset.ts';

const required = { required: true } as const;
const usd = (name: string, description: string, req = true) => ({
  name,
  type: 'integer' as const,
  description: `${description}, US cents`,
  unit: 'usd_cents',
  constraints: req ? { required: true, minimum: 0 } : { minimum: 0 },
});
/** An amount in the line's own currency (the `currency` column), in its minor units. */
const inCurrency = (name: string, description: string, req = true) => ({
  name,
  type: 'integer' as const,
  description: `${description}, in the fund’s currency (column currency), minor units (cents)`,
  unit: 'currency_minor',
  constraints: req ? { required: true, minimum: 0 } : { minimum: 0 },
});
const pkr = (name: string, description: string, req = true) => ({
  name,
  type: 'integer' as const,
  description: `${description}, PKR paisa`,
  unit: 'paisa',
  constraints: req ? { required: true } : {},
});

/** The startup fund's matching grants and joint-venture commitments (issue 16). */
export const FUND_DATASETS = [
  dataset({
    name: 'fund-grants',
    title: 'Startup fund: matching grants',
    description:
      'Every matching grant made (approved, paid, reporting or recovered), with its stage, the startup (company name, sector, city), its investors and the money in US dollars and rupees. Foreign money counts as arrived only once its proof was accepted, at its arrival date’s rate. No founder’s personal data.',
    source: fundGrantRecords,
    primaryKey: ['id'],
    fields: [
      { name: 'id', type: 'string', description: 'Grant identifier', constraints: required },
      {
        name: 'stage',
        type: 'string',
        description: 'Where the grant stands',
        constraints: {
          required: true,
          enum: ['applied', 'approved', 'part_paid', 'paid', 'reporting', 'rejected', 'recovered'],
        },
      },
      {
        name: 'startup_name',
        type: 'string',
        description: 'The startup (company name)',
        constraints: required,
      },
      { name: 'sector', type: 'string', description: 'Sector', constraints: required },
      { name: 'city', type: 'string', description: 'City (English)', constraints: required },
      { name: 'decided_on', type: 'date', description: 'Day of the decision; empty while applied' },
      { name: 'lead_investor', type: 'string', description: 'The lead investor', constraints: required },
      {
        name: 'investors',
        type: 'string',
        description: 'Investors in the round with their jurisdiction (ISO 3166), separated by "; "',
        constraints: required,
      },
      usd('round_usd_cents', 'The whole round, grant included'),
      usd('approved_usd_cents', 'Grant approved (0 until approved)'),
      pkr('committed_pkr_paisa', 'Grant committed at the decision day’s rate'),
      usd('paid_usd_cents', 'Grant paid so far'),
      pkr('paid_pkr_paisa', 'Grant paid so far at the payment days’ rates'),
      usd('foreign_arrived_usd_cents', 'Foreign investors’ money whose arrival proof was accepted'),
      pkr('foreign_arrived_pkr_paisa', 'The same at the arrival days’ rates'),
    ],
  }),
  dataset({
    name: 'fund-joint-ventures',
    title: 'Startup fund: joint-venture commitments',
    description:
      'The programme’s commitments to joint-venture funds with foreign managers, then each capital call, distribution (split into capital returned, realised gain and exchange difference), exit (with the capital that never came back) and reported value. Each line is in its fund’s currency (USD, EUR, GBP, AED or SAR, named in the currency column), with the rupees it was booked at and the dated rate used, and its US-dollar equivalent at the USD rate of its day.',
    source: fundJvRecords,
    primaryKey: ['movement_id'],
    fields: [
      {
        name: 'movement_id',
        type: 'string',
        description: 'Identifier of the line (the fund’s own for its commitment)',
        constraints: required,
      },
      { name: 'jv_id', type: 'string', description: 'Joint-venture fund identifier', constraints: required },
      { name: 'fund', type: 'string', description: 'The joint-venture fund', constraints: required },
      { name: 'manager', type: 'string', description: 'Its foreign manager', constraints: required },
      {
        name: 'kind',
        type: 'string',
        description:
          'commitment, call, distribution, exit (what closes the investment: all that will come back) or valuation (the programme’s share of the value)',
        constraints: { required: true, enum: ['commitment', 'call', 'distribution', 'exit', 'valuation'] },
      },
      {
        name: 'on_date',
        type: 'date',
        description: 'Day of the commitment or movement',
        constraints: required,
      },
      {
        name: 'currency',
        type: 'string',
        description:
          'The fund’s currency (ISO 4217); amount_minor and capital_minor are in it. Each has two minor digits',
        constraints: { required: true, enum: [...FUND_CURRENCIES] },
      },
      inCurrency('amount_minor', 'Amount'),
      pkr('amount_pkr_paisa', 'Amount in rupees at the rate used (rate_pkr_per_unit of rate_on)'),
      {
        name: 'rate_pkr_per_unit',
        type: 'number',
        description:
          'Rupees per one unit of the fund’s currency (one dollar, euro, pound, dirham or riyal) the line was booked at',
        constraints: { required: true, minimum: 0 },
      },
      {
        name: 'rate_on',
        type: 'date',
        description: 'The day of that rate: the latest entered on or before the line’s day',
        constraints: required,
      },
      inCurrency('capital_minor', 'Of a distribution or exit: called capital it returns or closes', false),
      pkr('gain_pkr_paisa', 'Of a distribution or exit: realised gain beyond the capital', false),
      pkr(
        'fx_pkr_paisa',
        'Of a distribution or exit: exchange difference on the capital returned (gain positive)',
        false,
      ),
      pkr('loss_pkr_paisa', 'Of an exit: the capital that never came back, at the exit day’s rate', false),
      usd(
        'usd_cents',
        'The amount’s US-dollar equivalent: amount_pkr_paisa at the USD rate of usd_rate_on (the amount itself for a fund in USD); empty when no USD rate had been entered by the line’s day',
        false,
      ),
      {
        name: 'usd_rate_pkr_per_usd',
        type: 'number',
        description: 'Rupees per US dollar used for usd_cents (for a fund in USD, the line’s own rate)',
        constraints: { minimum: 0 },
      },
      {
        name: 'usd_rate_on',
        type: 'date',
        description: 'The day of that USD rate: the latest entered on or before the line’s day',
      },
    ],
  }),
];
