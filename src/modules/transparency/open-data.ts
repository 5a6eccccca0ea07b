import { stringify } from 'csv-stringify/sync';
import type { Deps } from '../../deps.ts';
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

export const DATASETS: Dataset[] = [
  {
    name: 'figures',
    title: 'Headline figures',
    description:
      'Every public figure with its definition, unit and the time it was computed. Money is in minor units (paisa, US cents); shares in basis points (1/100 of a percent).',
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
    rows: async (deps) =>
      (await currentFigures(deps)).map((f) => ({
        key: f.key,
        label_en: f.labelEn,
        label_ur: f.labelUr,
        unit: f.unit,
        available: f.available,
        total: f.total,
        as_of: f.asOf,
        definition_en: f.definitionEn,
      })),
  },
  {
    name: 'figures-by-province',
    title: 'Figures by province',
    description: 'Figures that are measured per province or territory.',
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)' },
      { name: 'province_code', type: 'string', description: 'PB, SD, KP, ICT, BA, AJK or GB' },
      { name: 'value', type: 'integer', description: 'The value in the figure’s unit' },
      { name: 'as_of', type: 'datetime', description: 'When it was computed (UTC)' },
    ],
    rows: async (deps) =>
      (await currentFigures(deps)).flatMap((f) =>
        Object.entries(f.byProvince ?? {}).map(([province_code, value]) => ({
          key: f.key,
          province_code,
          value,
          as_of: f.asOf,
        })),
      ),
  },
  {
    name: 'promises',
    title: 'Promise register',
    description:
      'What was announced, by whom, reported where, against what has been delivered, with a status by the published rule.',
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
    rows: async (deps) =>
      (await listPromises(deps)).items.map((p) => ({
        ref: p.ref,
        announced_on: p.announcedOn,
        announced_precision: p.announcedPrecision,
        announced_by: p.announcedBy,
        source_name: p.sourceName,
        source_url: p.sourceUrl,
        title_en: p.titleEn,
        target: p.target,
        unit: p.unit,
        province_code: p.provinceCode,
        deadline: p.deadline,
        delivered: p.delivered,
        status: p.status,
        superseded_by: p.supersededBy,
        correction_note: p.correctionNote,
      })),
  },
  {
    name: 'funnel',
    title: 'Application funnel with ageing',
    description:
      'Cases waiting at each step, with median and 90th percentile days waited, and the public references of cases waiting longer than the service standard.',
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
      { name: 'over_standard', type: 'string', description: 'References of late cases, separated by spaces' },
    ],
    rows: async (deps) =>
      (await funnel(deps)).stages.map((s) => ({
        step: s.step,
        label_en: s.labelEn,
        available: s.available,
        waiting: s.waiting,
        median_days: s.medianDays,
        p90_days: s.p90Days,
        service_standard_days: s.serviceStandardDays,
        over_standard: s.overStandard.join(' '),
      })),
  },
  {
    name: 'snapshots',
    title: 'Daily snapshots and their hashes',
    description:
      'One snapshot of all public figures per day, chained: hash = sha256(previous hash + "\\n" + canonical JSON of the content).',
    fields: [
      { name: 'day', type: 'date', description: 'The day (Asia/Karachi)' },
      { name: 'hash', type: 'string', description: 'SHA-256, hex' },
      { name: 'prev_hash', type: 'string', description: 'The previous day’s hash (64 zeros for the first)' },
      { name: 'created_at', type: 'datetime', description: 'When it was taken (UTC)' },
    ],
    rows: async (deps) =>
      (await listSnapshots(deps, 100_000)).map((s) => ({
        day: s.day,
        hash: s.hash,
        prev_hash: s.prevHash,
        created_at: s.createdAt,
      })),
  },
  {
    name: 'monthly-series',
    title: 'Monthly series of every figure',
    description:
      'Each figure at the end of each month (the last daily snapshot of the month). Filter one figure with ?key=<figure key>.',
    fields: [
      { name: 'key', type: 'string', description: 'Figure identifier (see figures)' },
      { name: 'month', type: 'string', description: 'YYYY-MM' },
      {
        name: 'total',
        type: 'integer',
        description: 'The value in the figure’s unit; empty when not measured then',
      },
    ],
    rows: async (deps, filter) =>
      (await allMonthlySeries(deps, 1200)).flatMap((m) =>
        Object.entries(m.totals)
          .filter(([key]) => !filter.key || key === filter.key)
          .map(([key, total]) => ({ key, month: m.month, total })),
      ),
  },
  {
    name: 'centres',
    title: 'Operational centres',
    description:
      'The public centre directory: each operational centre with its place, seats, prices, occupancy band over the last 30 days and the uptime of its latest monthly report. Buildings only; no owner or freelancer.',
    fields: [
      { name: 'id', type: 'string', description: 'Centre identifier' },
      { name: 'name_en', type: 'string', description: 'Name' },
      { name: 'city', type: 'string', description: 'City' },
      { name: 'province_code', type: 'string', description: 'PB, SD, KP, ICT, BA, AJK or GB' },
      { name: 'latitude', type: 'string', description: 'WGS84 degrees' },
      { name: 'longitude', type: 'string', description: 'WGS84 degrees' },
      { name: 'seats', type: 'integer', description: 'Active seats' },
      {
        name: 'occupancy_band',
        type: 'string',
        description: 'under_25, 25_50, 50_75 or over_75 (percent of open seat-hours used, last 30 days)',
      },
      { name: 'internet_uptime_percent', type: 'string', description: 'From the latest monthly report' },
      { name: 'power_uptime_percent', type: 'string', description: 'From the latest monthly report' },
      { name: 'report_month', type: 'string', description: 'YYYY-MM of that report' },
      { name: 'day_pass_paisa', type: 'integer', description: 'Day pass price', unit: 'paisa' },
      {
        name: 'monthly_desk_paisa',
        type: 'integer',
        description: 'Monthly dedicated desk price',
        unit: 'paisa',
      },
    ],
    rows: async (deps) => {
      const out: Record<string, unknown>[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await listPublicCentres(deps, { limit: 500, offset });
        for (const c of page.items)
          out.push({
            id: c.id,
            name_en: c.nameEn,
            city: c.cityName,
            province_code: c.provinceCode,
            latitude: c.latitude,
            longitude: c.longitude,
            seats: c.seatCount,
            occupancy_band: c.occupancyBand,
            internet_uptime_percent: c.uptime?.internetPercent,
            power_uptime_percent: c.uptime?.powerPercent,
            report_month: c.uptime?.month,
            day_pass_paisa: c.prices.dayPassMinor,
            monthly_desk_paisa: c.prices.monthlyDeskMinor,
          });
        if (page.items.length < 500) break;
      }
      return out;
    },
  },
  {
    name: 'provinces',
    title: 'Provinces and territories',
    description: 'Reference list of the provinces and territories used in every table.',
    fields: [
      { name: 'code', type: 'string', description: 'Code used across Markaz' },
      { name: 'name_en', type: 'string', description: 'Name in English' },
      { name: 'name_ur', type: 'string', description: 'Name in Urdu' },
      { name: 'kind', type: 'string', description: 'province or territory' },
    ],
    rows: async (deps) =>
      (await listProvinces(deps)).map((p) => ({
        code: p.code,
        name_en: p.nameEn,
        name_ur: p.nameUr,
        kind: p.kind,
      })),
  },
];

export function findDataset(name: string): Dataset {
  const d = DATASETS.find((x) => x.name === name);
  if (!d) throw notFound(`Dataset ${name}`);
  return d;
}

export function toCsv(dataset: Dataset, rows: Record<string, unknown>[]): string {
  const columns = dataset.fields.map((f) => f.name);
  return stringify(
    rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : r[c]))),
    { header: true, columns, cast: { boolean: (v) => (v ? 'true' : 'false') } },
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
