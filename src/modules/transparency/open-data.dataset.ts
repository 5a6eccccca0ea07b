import type { Deps } from '../../deps.ts';

/**
 * One open dataset as a Frictionless table: its fields with Table Schema types and constraints,
 * its keys, and its rows. CSV and JSON carry the same values: each column is written in its
 * type's default format (datetimes in UTC to the second, months as YYYY-MM), so every row casts
 * strictly (checked by open-data.frictionless.test.ts).
 */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'yearmonth';
export type Field = {
  name: string;
  type: FieldType;
  description: string;
  unit?: string;
  format?: 'uri';
  constraints?: {
    required?: boolean;
    unique?: boolean;
    minimum?: number;
    maximum?: number;
    enum?: readonly string[];
    pattern?: string;
    minLength?: number;
    maxLength?: number;
  };
};
export type ForeignKey = { fields: string[]; reference: { resource: string; fields: string[] } };
export type Dataset = {
  name: string;
  title: string;
  description: string;
  fields: Field[];
  primaryKey: string[];
  foreignKeys?: ForeignKey[];
  rows(deps: Deps, filter: { key?: string | undefined }): Promise<Record<string, unknown>[]>;
};

/**
 * A dataset as a table: each column names where its value comes from in the source's records —
 * by default the property named as the column in camelCase (as_of ← asOf), else `from`.
 */
export type Column<T> = Field & { from?: keyof T | ((record: T) => unknown) };
type Source<T> = (deps: Deps, filter: { key?: string | undefined }) => Promise<T[]>;

const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** A value in its Table Schema type's default format; null when missing. */
export function tableValue(type: FieldType, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  switch (type) {
    case 'integer':
    case 'number':
      return Number(v);
    case 'boolean':
      return Boolean(v);
    case 'datetime':
      return new Date(v instanceof Date ? v : String(v)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);
    case 'yearmonth':
      return v instanceof Date ? v.toISOString().slice(0, 7) : String(v).slice(0, 7);
    case 'string':
      return String(v);
    default: {
      const never: never = type;
      return never;
    }
  }
}

export function dataset<T>(
  d: Omit<Dataset, 'fields' | 'rows'> & { source: Source<T>; fields: Column<NoInfer<T>>[] },
): Dataset {
  const read = d.fields.map((f) => {
    const from = f.from ?? camel(f.name);
    return typeof from === 'function' ? from : (r: T) => r[from as keyof T];
  });
  const { source: _, fields, ...rest } = d;
  return {
    ...rest,
    fields: fields.map(({ from: _, ...f }) => f),
    rows: async (deps, filter) =>
      (await d.source(deps, filter)).map((r) =>
        Object.fromEntries(fields.map((f, i) => [f.name, tableValue(f.type, read[i]?.(r))])),
      ),
  };
}
