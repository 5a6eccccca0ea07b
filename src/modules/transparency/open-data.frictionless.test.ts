import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Package } from 'datapackage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo.ts';
import { readCsv } from '../../platform/csv.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { refreshFigures } from './index.ts';

// The open data package, downloaded as served from the whole demo programme, validated by the
// official Frictionless JavaScript library (datapackage 1.1.10 with tableschema 1.12.6): the
// descriptor against the tabular-data-package profile, then every row of every resource cast
// strictly (types, formats, constraints), primary keys unique and foreign keys resolved.
type CastError = Error & { rowNumber?: number; errors?: Error[] };
type Descriptor = {
  profile: string;
  resources: {
    name: string;
    path: string;
    profile: string;
    encoding: string;
    dialect: Record<string, unknown>;
    schema: {
      fields: { name: string }[];
      primaryKey: string[];
      foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
    };
  }[];
};

let t: TestApp;
let dir: string;
let descriptor: Descriptor;
const files = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.deps);
  await refreshFigures(t.deps);
  dir = mkdtempSync(join(tmpdir(), 'markaz-open-data-'));
  const pkg = await t.app.inject({ method: 'GET', url: '/api/v1/open-data/datapackage.json' });
  writeFileSync(join(dir, 'datapackage.json'), pkg.body);
  descriptor = pkg.json();
  for (const r of descriptor.resources) {
    // Paths are relative to the descriptor, as the Data Package spec resolves them.
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/open-data/${r.path}` });
    expect(res.statusCode, r.path).toBe(200);
    files.set(r.name, res.body);
    writeFileSync(join(dir, r.path), res.rawPayload);
  }
}, 240_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every problem the library finds in the package at `root`, as "resource row n: message". */
async function frictionlessProblems(root: string): Promise<string[]> {
  const pkg = await Package.load(join(root, 'datapackage.json'), { strict: false });
  const problems = pkg.errors.map((e) => `descriptor: ${e.message}`);
  for (const resource of pkg.resources) {
    if (!resource.tabular || !resource.valid) {
      problems.push(`${resource.name}: ${resource.errors.map((e) => e.message).join('; ') || 'not tabular'}`);
      continue;
    }
    const rowText = (e: CastError) =>
      `row ${e.rowNumber}: ${[e.message, ...(e.errors ?? []).map((x) => x.message)].join(' — ')}`;
    try {
      // forceCast hands back each bad row as an error, so every bad row is listed.
      for (const row of await resource.read({ cast: true, relations: true, forceCast: true }))
        if (row instanceof Error) problems.push(`${resource.name} ${rowText(row)}`);
    } catch (e) {
      // Reading a referenced resource for the foreign keys stops at its first bad row.
      problems.push(`${resource.name}: a resource it references, ${rowText(e as CastError)}`);
    }
  }
  return problems;
}

describe('the open data package, validated with Frictionless', () => {
  it('is a tabular data package whose resources all declare keys and the CSV dialect', () => {
    expect(descriptor.profile).toBe('tabular-data-package');
    const names = new Set(descriptor.resources.map((r) => r.name));
    for (const r of descriptor.resources) {
      expect(r.profile, r.name).toBe('tabular-data-resource');
      expect(r.schema.primaryKey.length, r.name).toBeGreaterThan(0);
      expect(r.dialect, r.name).toMatchObject({ delimiter: ',', lineTerminator: '\r\n', header: true });
      expect(r.encoding, r.name).toBe('utf-8');
      // tableschema-js passes a foreign key to a resource it cannot find: check they all exist.
      for (const fk of r.schema.foreignKeys ?? [])
        expect(fk.reference.resource === '' || names.has(fk.reference.resource), r.name).toBe(true);
    }
    expect(descriptor.resources.find((r) => r.name === 'centres')?.schema.foreignKeys).toBeDefined();
  });

  it('every row of every resource casts strictly, with unique primary keys and resolved foreign keys', async () => {
    expect(await frictionlessProblems(dir)).toEqual([]);
    for (const r of descriptor.resources) {
      const csv = readCsv(files.get(r.name)!);
      expect(csv.header?.names, r.name).toEqual(r.schema.fields.map((f) => f.name));
      expect(csv.records.length, `${r.name} has rows to validate`).toBeGreaterThan(0);
    }
  });

  it('the JSON form carries the same values as the CSV', async () => {
    for (const r of descriptor.resources) {
      const json = (
        await t.app.inject({ method: 'GET', url: `/api/v1/open-data/${r.name}.json` })
      ).json() as Record<string, unknown>[];
      const csv = readCsv(files.get(r.name)!);
      expect(
        json.map((row) => r.schema.fields.map((f) => (row[f.name] === null ? '' : String(row[f.name])))),
        r.name,
      ).toEqual(csv.records.map((rec) => rec.cells));
    }
  });

  it('names the resource, row and field of a value that does not cast, and a broken key', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'markaz-open-data-broken-'));
    try {
      writeFileSync(join(broken, 'datapackage.json'), readFileSync(join(dir, 'datapackage.json')));
      for (const r of descriptor.resources) {
        let body = files.get(r.name)!;
        const lines = body.split('\r\n');
        // Milliseconds in a datetime, as the portal once wrote them; an unknown province.
        if (r.name === 'figures') lines[1] = lines[1]!.replace(/(T\d\d:\d\d:\d\d)Z/, '$1.123Z');
        if (r.name === 'centres') lines[1] = lines[1]!.replace(/,(PB|SD|KP|ICT|BA|AJK|GB),/, ',XX,');
        if (r.name === 'figures') expect(lines[1]).toContain('.123Z');
        if (r.name === 'centres') expect(lines[1]).toContain(',XX,');
        body = lines.join('\r\n');
        writeFileSync(join(broken, r.path), body);
      }
      const problems = await frictionlessProblems(broken);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^figures row 2: .*"as_of" is not type "datetime"/),
          expect.stringMatching(/^centres row 2: Foreign key "province_code" violation/),
        ]),
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
