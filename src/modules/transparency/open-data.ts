import type { Deps } from '../../deps.ts';
import { writeCsv } from '../../platform/csv.ts';
import { notFound } from '../../shared/errors.ts';
import { listProvinces } from '../geo/index.ts';
import { currentFigures } from './figures.service.ts';
import { funnel } from './funnel.service.ts';
import { listPromises } from './promise.service.ts';
import { listPublicCentres } from './public-centres.service.ts';
import { allMonthlySeries, listSnapshots } from './snapshot.service.ts';

/**
 * Open data: every public table as CSV and JSON, described by a Frictionless Data package.
 * Datasets hold aggregates and public records only — never a person.
 */
type Field = {
  name: string;
  type: 'string' | 'integer' | 'date' | 'datetime' | 'boolean';
  description: string;
  unit?: string;
};
type Dataset = {
  name: string;
  title: string;
  description: string;
  fields: Field[];
  rows(deps: Deps, filter: { key?: string | undefined }): Promise<Record<string, unknown>[]>;
};

/**
 * A dataset as a table: each column names where its value comes from in the source's records —
 * by default the property named as the column in camelCase (as_of ← asOf), else `from`.
 */
type Column<T> = Field & { from?: keyof T | ((record: T) => unknown) };
type Source<T> = (deps: Deps, filter: { key?: string | undefined }) => Promise<T[]>;

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function dataset<T>(
  d: Omit<Dataset, 'fields' | 'rows'> & { source: Source<T>; fields: Column<NoInfer<T>>[] },
): Dataset {
  const read = d.fields.map((f) => {
    const from = f.from ?? camel(f.name);
    return typeof from === 'function' ? from : (r: T) => r[from as keyof T];
  });
  return {
    name: d.name,
    title: d.title,
    description: d.description,
    fields: d.fields.map(({ from: _, ...f }) => f),
    rows: async (deps, filter) =>
      (await d.source(deps, filter)).map((r) =>
        Object.fromEntries(d.fields.map((f, i) => [f.name, read[i]?.(r)])),
      ),
  };
}

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
    fields: [
      { name: 'key', type: 'string', description: 'Stable identifier of the figure' },
      { name: 'label_en', type: 'string', description: 'Name in English' },
      { name: 'label_ur', type: 'string', description: 'Name in Urdu' },
      {
        name: 'unit',
        type: 'string',
        description:
          'centres, applications, people, seats, bookings, loans, pkr_paisa, usd_cents or basis_points',
      },
      {
        name: 'available',
        type: 'boolean',
        description: 'False while the area that measures it is not built',
      },
      { name: 'total', type: 'integer', description: 'The value, empty when not available' },
      { name: 'as_of', type: 'datetime', description: 'When it was computed (UTC)' },
      { name: 'definition_en', type: 'string', description: 'What is counted' },
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
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)' },
      { name: 'province_code', type: 'string', description: 'PB, SD, KP, ICT, BA, AJK or GB' },
      { name: 'value', type: 'integer', description: 'The value in the figure’s unit' },
      { name: 'as_of', type: 'datetime', description: 'When it was computed (UTC)' },
    ],
  }),
  dataset({
    name: 'promises',
    title: 'Promise register',
    description:
      'What was announced, by whom, reported where, against what has been delivered, with a status by the published rule.',
    source: async (deps) => (await listPromises(deps)).items,
    fields: [
      { name: 'ref', type: 'string', description: 'Register reference' },
      {
        name: 'announced_on',
        type: 'date',
        description: 'Date of the announcement (precision in announced_precision)',
      },
      { name: 'announced_precision', type: 'string', description: 'day, month or year' },
      { name: 'announced_by', type: 'string', description: 'Who announced it' },
      { name: 'source_name', type: 'string', description: 'Where it was reported' },
      { name: 'source_url', type: 'string', description: 'Link to the source, when known' },
      { name: 'title_en', type: 'string', description: 'What was promised' },
      { name: 'target', type: 'integer', description: 'Target number', unit: 'see unit' },
      { name: 'unit', type: 'string', description: 'Unit of target and delivered' },
      { name: 'province_code', type: 'string', description: 'Province, when the promise is for one' },
      { name: 'deadline', type: 'date', description: 'Announced deadline, when there was one' },
      {
        name: 'delivered',
        type: 'integer',
        description: 'Delivered so far, from live records; empty when not measured yet',
      },
      { name: 'status', type: 'string', description: 'met, missed, open, on_track, behind or no_data' },
      {
        name: 'superseded_by',
        type: 'string',
        description: 'Id of the entry that corrects or replaces this one',
      },
      { name: 'correction_note', type: 'string', description: 'For corrections: what changed and why' },
    ],
  }),
  dataset({
    name: 'funnel',
    title: 'Application funnel with ageing',
    description:
      'Cases waiting at each step, with median and 90th percentile days waited, and the public references of cases waiting longer than the service standard.',
    source: async (deps) => (await funnel(deps)).stages,
    fields: [
      { name: 'step', type: 'string', description: 'Step identifier' },
      { name: 'label_en', type: 'string', description: 'Step name' },
      {
        name: 'available',
        type: 'boolean',
        description: 'False while the area that measures it is not built',
      },
      { name: 'waiting', type: 'integer', description: 'Cases waiting at this step' },
      { name: 'median_days', type: 'integer', description: 'Median days waited' },
      { name: 'p90_days', type: 'integer', description: '90th percentile of days waited' },
      { name: 'service_standard_days', type: 'integer', description: 'Days a case should wait at most' },
      {
        name: 'over_standard',
        type: 'string',
        description: 'References of late cases, separated by spaces',
        from: (s) => s.overStandard.join(' '),
      },
    ],
  }),
  dataset({
    name: 'snapshots',
    title: 'Daily snapshots and their hashes',
    description:
      'One snapshot of all public figures per day, chained: hash = sha256(previous hash + "\\n" + canonical JSON of the content).',
    source: (deps) => listSnapshots(deps, 100_000),
    fields: [
      { name: 'day', type: 'date', description: 'The day (Asia/Karachi)' },
      { name: 'hash', type: 'string', description: 'SHA-256, hex' },
      { name: 'prev_hash', type: 'string', description: 'The previous day’s hash (64 zeros for the first)' },
      { name: 'created_at', type: 'datetime', description: 'When it was taken (UTC)' },
    ],
  }),
  dataset({
    name: 'monthly-series',
    title: 'Monthly series of every figure',
    description:
      'Each figure at the end of each month (the last daily snapshot of the month). Filter one figure with ?key=<figure key>.',
    source: async (deps, filter) =>
      (await allMonthlySeries(deps, 1200)).flatMap((m) =>
        Object.entries(m.totals)
          .filter(([key]) => !filter.key || key === filter.key)
          .map(([key, total]) => ({ key, month: m.month, total })),
      ),
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)' },
      { name: 'month', type: 'string', description: 'YYYY-MM' },
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
    fields: [
      { name: 'id', type: 'string', description: 'Centre identifier' },
      { name: 'name_en', type: 'string', description: 'Name' },
      { name: 'city', type: 'string', description: 'City', from: 'cityName' },
      { name: 'province_code', type: 'string', description: 'PB, SD, KP, ICT, BA, AJK or GB' },
      { name: 'latitude', type: 'string', description: 'WGS84 degrees' },
      { name: 'longitude', type: 'string', description: 'WGS84 degrees' },
      { name: 'seats', type: 'integer', description: 'Active seats', from: 'seatCount' },
      {
        name: 'occupancy_band',
        type: 'string',
        description: 'under_25, 25_50, 50_75 or over_75 (percent of open seat-hours used, last 30 days)',
      },
      {
        name: 'internet_uptime_percent',
        type: 'string',
        description: 'From the latest monthly report',
        from: (c) => c.uptime?.internetPercent,
      },
      {
        name: 'power_uptime_percent',
        type: 'string',
        description: 'From the latest monthly report',
        from: (c) => c.uptime?.powerPercent,
      },
      {
        name: 'report_month',
        type: 'string',
        description: 'YYYY-MM of that report',
        from: (c) => c.uptime?.month,
      },
      {
        name: 'day_pass_paisa',
        type: 'integer',
        description: 'Day pass price',
        unit: 'paisa',
        from: (c) => c.prices.dayPassMinor,
      },
      {
        name: 'monthly_desk_paisa',
        type: 'integer',
        description: 'Monthly dedicated desk price',
        unit: 'paisa',
        from: (c) => c.prices.monthlyDeskMinor,
      },
    ],
  }),
  dataset({
    name: 'provinces',
    title: 'Provinces and territories',
    description: 'Reference list of the provinces and territories used in every table.',
    source: listProvinces,
    fields: [
      { name: 'code', type: 'string', description: 'Code used across Markaz' },
      { name: 'name_en', type: 'string', description: 'Name in English' },
      { name: 'name_ur', type: 'string', description: 'Name in Urdu' },
      { name: 'kind', type: 'string', description: 'province or territory' },
    ],
  }),
];

export function findDataset(name: string): Dataset {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw notFound(`Dataset ${name}`);
  return d;
}

export function toCsv(dataset: Dataset, rows: Record<string, unknown>[]): string {
  const columns = dataset.fields.map((f) => f.name);
  return writeCsv(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

/** The Frictionless Data package describing every dataset. */
export function dataPackage(baseUrl: string) {
  return {
    profile: 'data-package',
    name: 'markaz-e-working-centres',
    title: "Markaz — Pakistan's e-working centres programme, open data",
    description:
      'Promises and delivery of the e-working centres programme: public figures, the promise register and daily verifiable snapshots. Aggregates only; no personal data.',
    licenses: [
      {
        name: 'CC-BY-4.0',
        title: 'Creative Commons Attribution 4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
      },
    ],
    resources: DATASETS.map((d) => ({
      name: d.name,
      title: d.title,
      description: d.description,
      path: `${baseUrl}/api/v1/open-data/${d.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: d.fields.map((f) => ({
          name: f.name,
          type: f.type,
          description: f.description,
          ...(f.unit ? { unit: f.unit } : {}),
        })),
      },
    })),
  };
}
