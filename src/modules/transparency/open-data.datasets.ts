import type { Deps } from '../../deps.ts';
import type { FigureUnit } from '../../platform/figures.ts';
import { listProvinces } from '../geo/index.ts';
import { currentFigures } from './figures.service.ts';
import { funnel } from './funnel.service.ts';
import { type Dataset, dataset } from './open-data.dataset.ts';
import { EARNINGS_DATASET } from './open-data.earnings.ts';
import { FUND_DATASETS } from './open-data.fund.ts';
import { TRAINING_DATASETS } from './open-data.training.ts';
import { listPromises } from './promise.service.ts';
import { OccupancyBandSchema } from './public-centres.schema.ts';
import { listPublicCentres } from './public-centres.service.ts';
import { allMonthlySeries, listSnapshots } from './snapshot.service.ts';
import { PromiseStatusSchema, PromiseUnitSchema } from './transparency.schema.ts';

const FIGURE_UNITS = Object.keys({
  centres: 1,
  applications: 1,
  people: 1,
  seats: 1,
  bookings: 1,
  loans: 1,
  pkr_paisa: 1,
  usd_cents: 1,
  basis_points: 1,
  complaints: 1,
  days: 1,
} satisfies Record<FigureUnit, 1>);

const required = { required: true } as const;
// The pattern is anchored by the Table Schema spec; the lengths anchor it for tableschema-js too.
const SHA256 = { required: true, pattern: '[0-9a-f]{64}', minLength: 64, maxLength: 64 } as const;
const toProvince = (field = 'province_code') => ({
  fields: [field],
  reference: { resource: 'provinces', fields: ['code'] },
});
const toFigure = (field: string) => ({
  fields: [field],
  reference: { resource: 'figures', fields: ['key'] },
});

/** Every operational centre, read page by page. */
async function allPublicCentres(deps: Deps) {
  const out: Awaited<ReturnType<typeof listPublicCentres>>['items'] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listPublicCentres(deps, { limit: 500, offset });
    out.push(...page.items);
    if (page.items.length < 500) break;
  }
  return out;
}

export const DATASETS: Dataset[] = [
  dataset({
    name: 'figures',
    title: 'Headline figures',
    description:
      'Every public figure with its definition, unit and the time it was computed. Money is in minor units (paisa, US cents); shares in basis points (1/100 of a percent).',
    source: currentFigures,
    primaryKey: ['key'],
    fields: [
      { name: 'key', type: 'string', description: 'Stable identifier of the figure', constraints: required },
      { name: 'label_en', type: 'string', description: 'Name in English', constraints: required },
      { name: 'label_ur', type: 'string', description: 'Name in Urdu', constraints: required },
      {
        name: 'unit',
        type: 'string',
        description: FIGURE_UNITS.join(', '),
        constraints: { required: true, enum: FIGURE_UNITS },
      },
      {
        name: 'available',
        type: 'boolean',
        description: 'False while the area that measures it is not built',
        constraints: required,
      },
      { name: 'total', type: 'integer', description: 'The value, empty when not available' },
      {
        name: 'as_of',
        type: 'datetime',
        description: 'When it was computed (UTC); empty when not available',
      },
      { name: 'definition_en', type: 'string', description: 'What is counted' },
      { name: 'definition_ur', type: 'string', description: 'What is counted, in Urdu' },
    ],
  }),
  dataset({
    name: 'figures-by-province',
    title: 'Figures by province',
    description: 'Figures that are measured per province or territory.',
    source: async (deps) =>
      (await currentFigures(deps)).flatMap((f) =>
        Object.entries(f.byProvince ?? {}).map(([provinceCode, value]) => ({
          key: f.key,
          provinceCode,
          value,
          asOf: f.asOf,
        })),
      ),
    primaryKey: ['key', 'province_code'],
    foreignKeys: [toFigure('key'), toProvince()],
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)', constraints: required },
      {
        name: 'province_code',
        type: 'string',
        description: 'Province or territory (see provinces)',
        constraints: required,
      },
      {
        name: 'value',
        type: 'integer',
        description: 'The value in the figure’s unit',
        constraints: required,
      },
      { name: 'as_of', type: 'datetime', description: 'When it was computed (UTC)' },
    ],
  }),
  dataset({
    name: 'promises',
    title: 'Promise register',
    description:
      'What was announced, by whom, reported where, against what has been delivered, with a status by the published rule.',
    source: async (deps) => (await listPromises(deps)).items,
    primaryKey: ['ref'],
    foreignKeys: [
      toProvince(),
      toFigure('figure_key'),
      { fields: ['superseded_by'], reference: { resource: '', fields: ['id'] } },
    ],
    fields: [
      { name: 'ref', type: 'string', description: 'Register reference', constraints: required },
      {
        name: 'announced_on',
        type: 'date',
        description: 'Date of the announcement (precision in announced_precision)',
        constraints: required,
      },
      {
        name: 'announced_precision',
        type: 'string',
        description: 'day, month or year',
        constraints: { required: true, enum: ['day', 'month', 'year'] },
      },
      { name: 'announced_by', type: 'string', description: 'Who announced it', constraints: required },
      { name: 'source_name', type: 'string', description: 'Where it was reported', constraints: required },
      { name: 'source_url', type: 'string', format: 'uri', description: 'Link to the source, when known' },
      { name: 'title_en', type: 'string', description: 'What was promised', constraints: required },
      {
        name: 'target',
        type: 'integer',
        description: 'Target number',
        unit: 'see unit',
        constraints: required,
      },
      {
        name: 'unit',
        type: 'string',
        description: 'Unit of target and delivered',
        constraints: { required: true, enum: PromiseUnitSchema.options },
      },
      { name: 'province_code', type: 'string', description: 'Province, when the promise is for one' },
      { name: 'deadline', type: 'date', description: 'Announced deadline, when there was one' },
      {
        name: 'delivered',
        type: 'integer',
        description: 'Delivered so far, from live records; empty when not measured yet',
      },
      {
        name: 'status',
        type: 'string',
        description: PromiseStatusSchema.options.join(', '),
        constraints: { required: true, enum: PromiseStatusSchema.options },
      },
      {
        name: 'superseded_by',
        type: 'string',
        description: 'Id of the entry that corrects or replaces this one (see id)',
      },
      { name: 'correction_note', type: 'string', description: 'For corrections: what changed and why' },
      {
        name: 'id',
        type: 'string',
        description: 'Entry identifier',
        constraints: { required: true, unique: true },
      },
      { name: 'title_ur', type: 'string', description: 'What was promised, in Urdu', constraints: required },
      {
        name: 'figure_key',
        type: 'string',
        description: 'The figure that measures delivery (see figures)',
        constraints: required,
      },
    ],
  }),
  dataset({
    name: 'funnel',
    title: 'Application funnel with ageing',
    description:
      'Cases waiting at each step, with median and 90th percentile days waited, and the public references of cases waiting longer than the service standard.',
    source: async (deps) => (await funnel(deps)).stages,
    primaryKey: ['step'],
    fields: [
      { name: 'step', type: 'string', description: 'Step identifier', constraints: required },
      { name: 'label_en', type: 'string', description: 'Step name', constraints: required },
      {
        name: 'available',
        type: 'boolean',
        description: 'False while the area that measures it is not built',
        constraints: required,
      },
      {
        name: 'waiting',
        type: 'integer',
        description: 'Cases waiting at this step',
        constraints: { minimum: 0 },
      },
      {
        name: 'median_days',
        type: 'integer',
        description: 'Median days waited',
        constraints: { minimum: 0 },
      },
      {
        name: 'p90_days',
        type: 'integer',
        description: '90th percentile of days waited',
        constraints: { minimum: 0 },
      },
      {
        name: 'service_standard_days',
        type: 'integer',
        description: 'Days a case should wait at most',
        constraints: { minimum: 0 },
      },
      {
        name: 'over_standard',
        type: 'string',
        description: 'References of late cases, separated by spaces',
        from: (s) => s.overStandard.join(' '),
      },
      { name: 'label_ur', type: 'string', description: 'Step name in Urdu', constraints: required },
    ],
  }),
  dataset({
    name: 'snapshots',
    title: 'Daily snapshots and their hashes',
    description:
      'One snapshot of all public figures per day, chained: hash = sha256(previous hash + "\\n" + canonical JSON of the content).',
    source: (deps) => listSnapshots(deps, 100_000),
    primaryKey: ['day'],
    fields: [
      { name: 'day', type: 'date', description: 'The day (Asia/Karachi)', constraints: required },
      { name: 'hash', type: 'string', description: 'SHA-256, hex', constraints: { ...SHA256, unique: true } },
      {
        name: 'prev_hash',
        type: 'string',
        description: 'The previous day’s hash (64 zeros for the first)',
        constraints: SHA256,
      },
      { name: 'created_at', type: 'datetime', description: 'When it was taken (UTC)', constraints: required },
    ],
  }),
  dataset({
    name: 'monthly-series',
    title: 'Monthly series of every figure',
    description:
      'Each figure at the end of each month (the last daily snapshot of the month). Filter one figure with ?key=<figure key>. A figure may have history here after it left the figures table, so key is not a foreign key.',
    source: async (deps, filter) =>
      (await allMonthlySeries(deps, 1200)).flatMap((m) =>
        Object.entries(m.totals)
          .filter(([key]) => !filter.key || key === filter.key)
          .map(([key, total]) => ({ key, month: m.month, total })),
      ),
    primaryKey: ['key', 'month'],
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)', constraints: required },
      { name: 'month', type: 'yearmonth', description: 'YYYY-MM', constraints: required },
      {
        name: 'total',
        type: 'integer',
        description: 'The value in the figure’s unit; empty when not measured then',
      },
    ],
  }),
  dataset({
    name: 'centres',
    title: 'Operational centres',
    description:
      'The public centre directory: each operational centre with its place, seats, prices, occupancy band over the last 30 days and the uptime of its latest monthly report. Buildings only; no owner or freelancer.',
    source: allPublicCentres,
    primaryKey: ['id'],
    foreignKeys: [toProvince()],
    fields: [
      { name: 'id', type: 'string', description: 'Centre identifier', constraints: required },
      { name: 'name_en', type: 'string', description: 'Name', constraints: required },
      { name: 'city', type: 'string', description: 'City', from: 'cityName', constraints: required },
      {
        name: 'province_code',
        type: 'string',
        description: 'Province or territory (see provinces)',
        constraints: required,
      },
      {
        name: 'latitude',
        type: 'number',
        description: 'WGS84 degrees',
        constraints: { required: true, minimum: -90, maximum: 90 },
      },
      {
        name: 'longitude',
        type: 'number',
        description: 'WGS84 degrees',
        constraints: { required: true, minimum: -180, maximum: 180 },
      },
      {
        name: 'seats',
        type: 'integer',
        description: 'Active seats',
        from: 'seatCount',
        constraints: { required: true, minimum: 0 },
      },
      {
        name: 'occupancy_band',
        type: 'string',
        description: 'under_25, 25_50, 50_75 or over_75 (percent of open seat-hours used, last 30 days)',
        constraints: { enum: OccupancyBandSchema.options },
      },
      {
        name: 'internet_uptime_percent',
        type: 'number',
        description: 'From the latest monthly report',
        unit: 'percent',
        from: (c) => c.uptime?.internetPercent,
        constraints: { minimum: 0, maximum: 100 },
      },
      {
        name: 'power_uptime_percent',
        type: 'number',
        description: 'From the latest monthly report',
        unit: 'percent',
        from: (c) => c.uptime?.powerPercent,
        constraints: { minimum: 0, maximum: 100 },
      },
      {
        name: 'report_month',
        type: 'yearmonth',
        description: 'YYYY-MM of that report',
        from: (c) => c.uptime?.month,
      },
      {
        name: 'day_pass_paisa',
        type: 'integer',
        description: 'Day pass price; empty when not offered',
        unit: 'paisa',
        from: (c) => c.prices.dayPassMinor,
        constraints: { minimum: 0 },
      },
      {
        name: 'monthly_desk_paisa',
        type: 'integer',
        description: 'Monthly dedicated desk price; empty when not offered',
        unit: 'paisa',
        from: (c) => c.prices.monthlyDeskMinor,
        constraints: { minimum: 0 },
      },
      { name: 'name_ur', type: 'string', description: 'Name in Urdu, when given' },
      {
        name: 'city_id',
        type: 'integer',
        description: 'City identifier (/api/v1/geo/cities/{id})',
        constraints: required,
      },
      { name: 'city_name_ur', type: 'string', description: 'City in Urdu, when known' },
    ],
  }),
  EARNINGS_DATASET,
  dataset({
    name: 'provinces',
    title: 'Provinces and territories',
    description: 'Reference list of the provinces and territories used in every table.',
    source: listProvinces,
    primaryKey: ['code'],
    fields: [
      { name: 'code', type: 'string', description: 'Code used across Markaz', constraints: required },
      { name: 'name_en', type: 'string', description: 'Name in English', constraints: required },
      { name: 'name_ur', type: 'string', description: 'Name in Urdu', constraints: required },
      {
        name: 'kind',
        type: 'string',
        description: 'province or territory',
        constraints: { required: true, enum: ['province', 'territory'] },
      },
    ],
  }),
  ...TRAINING_DATASETS,
  ...FUND_DATASETS,
];
