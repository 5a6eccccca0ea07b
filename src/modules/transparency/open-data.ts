import { writeCsv } from '../../platform/csv.ts';
import { notFound } from '../../shared/errors.ts';
import type { Dataset } from './open-data.dataset.ts';
import { DATASETS } from './open-data.datasets.ts';

/**
 * Open data: every public table as CSV and JSON, described by a Frictionless tabular data
 * package (Data Package v1: Table Schema types, primary and foreign keys, a CSV dialect).
 * Datasets hold aggregates and public records only — never a person.
 */
export { DATASETS };

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

/** How every CSV file is written (writeCsv): Frictionless CSV Dialect. */
export const CSV_DIALECT = {
  delimiter: ',',
  lineTerminator: '\r\n',
  quoteChar: '"',
  doubleQuote: true,
  skipInitialSpace: false,
  header: true,
  caseSensitiveHeader: true,
} as const;

/**
 * The Frictionless tabular data package describing every dataset. Paths are relative to the
 * descriptor (`/api/v1/open-data/`), so the package also validates as downloaded files.
 */
export function dataPackage() {
  return {
    profile: 'tabular-data-package',
    name: 'markaz-e-working-centres',
    title: "Markaz — Pakistan's e-working centres programme, open data",
    description:
      'Promises and delivery of the e-working centres programme: public figures, the promise register, daily verifiable snapshots, operational centres and the provinces. Aggregates only; no personal data.',
    licenses: [
      {
        name: 'CC-BY-4.0',
        title: 'Creative Commons Attribution 4.0',
        path: 'https://creativecommons.org/licenses/by/4.0/',
      },
    ],
    resources: DATASETS.map((d) => ({
      profile: 'tabular-data-resource',
      name: d.name,
      title: d.title,
      description: d.description,
      path: `${d.name}.csv`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: CSV_DIALECT,
      schema: {
        fields: d.fields.map((f) => ({
          name: f.name,
          type: f.type,
          ...(f.format ? { format: f.format } : {}),
          description: f.description,
          ...(f.unit ? { unit: f.unit } : {}),
          ...(f.constraints ? { constraints: f.constraints } : {}),
        })),
        missingValues: [''],
        primaryKey: d.primaryKey,
        ...(d.foreignKeys?.length ? { foreignKeys: d.foreignKeys } : {}),
      },
    })),
  };
}
