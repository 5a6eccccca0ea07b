import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';

/**
 * The Open Badges 3.0 AchievementCredential JSON Schema (1EdTech, bundled in vendor/, see its
 * README for the source), compiled once with ajv for JSON Schema 2019-09.
 */
const require = createRequire(import.meta.url);
const schema = require('./vendor/ob_v3p0_achievementcredential_schema.json') as object;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => void;

const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

export type SchemaProblem = { path: string; message: string };

/** The problems the OB 3.0 schema finds in `credential` (none: it is valid). */
export function openBadgeSchemaProblems(credential: unknown): SchemaProblem[] {
  if (validate(credential)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.instancePath || '/',
    message: e.message ?? 'invalid',
  }));
}
