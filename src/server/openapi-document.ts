/**
 * Finishing touches on the OpenAPI document that @fastify/swagger and fastify-type-provider-zod
 * build from the routes, so that it says what the server really does (issue 20):
 *
 * - one component per Zod schema: fastify-type-provider-zod emits every registered schema twice,
 *   as `X` (output) and `XInput` (input), used or not; here the two become one `X` wherever they
 *   are the same JSON Schema, the variant nothing references is dropped, and `…Input` survives only
 *   where a schema really reads differently in a request than in a response;
 * - errors as sent: every Problem response is `application/problem+json`, and every operation
 *   lists the refusals the authentication hook gives any request (plugins/auth.ts);
 * - an `operationId` on every operation, derived from its method and path unless the route
 *   declares one.
 *
 * Pure functions over the document; no Fastify, no Zod.
 */

export type JsonObject = Record<string, unknown>;
type Operation = JsonObject & { operationId?: string; responses?: Record<string, JsonObject> };

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const REF_PREFIX = '#/components/schemas/';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function collectRefs(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX))
        into.add(v.slice(REF_PREFIX.length));
      else collectRefs(v, into);
    }
  }
  return into;
}

function renameRefs<T>(value: T, rename: (name: string) => string): T {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename)) as T;
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)
        ? `${REF_PREFIX}${rename(v.slice(REF_PREFIX.length))}`
        : renameRefs(v, rename);
  }
  return out as T;
}

/** Key order does not matter to a schema; compares two JSON values structurally. */
function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]))
    );
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return a === b;
}

/**
 * One component per schema id. `ids` are the ids the schemas were registered with (`.meta({ id })`);
 * the document holds `id` (output) and `${id}Input` (input) for each.
 */
export function mergeSchemaVariants(doc: JsonObject, ids: Iterable<string>): JsonObject {
  const components = (doc.components ?? {}) as JsonObject;
  const schemas = (components.schemas ?? {}) as Record<string, JsonObject>;
  const { components: _c, ...rest } = doc;

  // What the operations reach, through any number of references.
  const reachable = collectRefs(rest, new Set());
  for (const queue = [...reachable]; queue.length > 0; ) {
    for (const name of collectRefs(schemas[queue.pop()!], new Set())) {
      if (!reachable.has(name)) {
        reachable.add(name);
        queue.push(name);
      }
    }
  }

  const baseOfInput = new Map<string, string>();
  for (const id of ids) if (`${id}Input` in schemas) baseOfInput.set(`${id}Input`, id);
  const both = new Set(
    [...baseOfInput].filter(([input, id]) => reachable.has(input) && reachable.has(id)).map(([, id]) => id),
  );

  // The final name of a component, given which of the doubly used schemas read the same both ways.
  const finalName = (name: string, merged: Set<string>) => {
    const id = baseOfInput.get(name);
    if (id === undefined) return name;
    return both.has(id) && !merged.has(id) ? name : id;
  };
  // Assume every doubly used schema merges, then drop those that differ until nothing changes:
  // a schema differs in its two readings exactly when its own JSON or a schema it uses does.
  const merged = new Set(both);
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of merged) {
      const rename = (n: string) => finalName(n, merged);
      if (!sameJson(renameRefs(schemas[`${id}Input`], rename), renameRefs(schemas[id], rename))) {
        merged.delete(id);
        changed = true;
      }
    }
  }

  const rename = (n: string) => finalName(n, merged);
  const finished: Record<string, JsonObject> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!reachable.has(name)) continue;
    const to = rename(name);
    if (to in finished) continue; // the other reading of a merged schema, already there
    finished[to] = renameRefs(schema, rename);
  }
  const sorted = Object.fromEntries(Object.entries(finished).sort(([a], [b]) => a.localeCompare(b)));
  return { ...renameRefs(rest, rename), components: { ...components, schemas: sorted } };
}

/** What a Problem response says for a status: the error codes the server maps to it. */
export type ProblemStatuses = Record<number, string>;

function* operations(doc: JsonObject): Generator<[string, string, Operation]> {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, JsonObject>)) {
    for (const method of METHODS) {
      const op = item[method];
      if (isObject(op)) yield [path, method, op as Operation];
    }
  }
}

const problemContent = () => ({ [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `${REF_PREFIX}Problem` } } });

/**
 * Problem responses as sent: `application/problem+json` (plugins/errors.ts), described by the
 * codes behind their status. Every `/api/` operation can also answer 401 (a wrong bearer key) and
 * every write 403 (a session cookie without its CSRF token): the authentication hook refuses
 * those before any route runs.
 */
export function documentProblems(doc: JsonObject, statuses: ProblemStatuses): JsonObject {
  for (const [path, method, op] of operations(doc)) {
    const responses = op.responses ?? {};
    if (path.startsWith('/api/')) {
      responses['401'] ??= { content: problemContent() };
      if (WRITE_METHODS.has(method)) responses['403'] ??= { content: problemContent() };
    }
    for (const [status, response] of Object.entries(responses)) {
      const content = response.content as Record<string, JsonObject> | undefined;
      const json = content?.['application/json']?.schema as JsonObject | undefined;
      const isProblem = json?.$ref === `${REF_PREFIX}Problem` || content?.[PROBLEM_MEDIA_TYPE];
      if (!isProblem) continue;
      const described = statuses[Number(status)];
      responses[status] = {
        description:
          response.description && response.description !== 'Default Response'
            ? response.description
            : (described ?? 'A problem (RFC 9457)'),
        content: problemContent(),
      };
    }
    op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
  }
  return doc;
}

const IRREGULAR: Record<string, string> = {
  series: 'series',
  earnings: 'earnings',
  status: 'status',
  statuses: 'status',
  criteria: 'criteria',
  promises: 'promise',
  actions: 'action',
};

function singular(word: string): string {
  if (word in IRREGULAR) return IRREGULAR[word]!;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const pascal = (words: string[]) =>
  words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** Last segments that name what the operation does rather than a thing. */
const ACTIONS = new Set([
  'accept',
  'cancel',
  'close',
  'correct',
  'decline',
  'leave',
  'publish',
  'reschedule',
  'resolve',
  'revoke',
  'sanction',
  'search',
  'submit',
  'verify',
]);

function isArrayResponse(op: Operation): boolean {
  for (const status of ['200', '201']) {
    const content = op.responses?.[status]?.content as Record<string, JsonObject> | undefined;
    const schema = content?.['application/json']?.schema as JsonObject | undefined;
    if (schema) return schema.type === 'array';
  }
  return false;
}

const isParam = (segment: string | undefined) => segment !== undefined && /^\{.+\}$/.test(segment);

/**
 * A readable operationId from method and path: `GET /api/v1/centers/{id}` is `getCenter`,
 * `GET /api/v1/centers` `listCenters` (an array, or a collection with items under it),
 * `POST /api/v1/centers` `createCenter`, `POST /api/v1/applications/{id}/submit`
 * `submitApplication`, `GET /api/v1/centers/{id}/status/preview` `previewCenterStatus`,
 * `GET /api/v1/me/bookings` `listMyBookings`. `paths` are all the document's paths.
 */
export function deriveOperationId(method: string, path: string, op: Operation, paths: string[] = []): string {
  const segments = path
    .replace(/^\/api\/v\d+\//, '/')
    .split('/')
    .filter(Boolean);
  // Every static segment but the last qualifies what follows it, so it reads in the singular.
  const statics = segments.filter((s) => !isParam(s)).map((s) => (s === 'me' ? 'my' : s));
  const words = statics.map((w, i) => (i < statics.length - 1 ? singular(w) : w));
  const lastSegment = segments.at(-1) ?? '';
  const endsWithParam = isParam(lastSegment);
  const last = words.at(-1) ?? '';
  const head = words.slice(0, -1);
  const noun = pascal;

  if (!endsWithParam && ACTIONS.has(last) && method !== 'delete') {
    // What the action acts on: one item (/calls/{id}/close) or a whole collection (/centers/search).
    const onCollection = !isParam(segments.at(-2)) && statics.length > 1;
    return `${last}${noun(onCollection ? [...head.slice(0, -1), statics.at(-2)!] : head)}`;
  }
  if (!endsWithParam && last.endsWith('preview')) {
    return `preview${noun([...head, last.replace(/-?preview$/, '')])}`;
  }
  if (words.length === 1 && words[0] === 'my') return `${method === 'get' ? 'get' : 'update'}Me`;
  // An item under a word that is not a collection is named by its parameter: /calendar/{file}.
  const item = endsWithParam && singular(last) === last ? [...words, lastSegment.slice(1, -1)] : words;
  const one = endsWithParam ? [...head, singular(last)] : words;
  switch (method) {
    case 'get': {
      if (endsWithParam) return `get${noun(item.map((w, i) => (i === words.length - 1 ? singular(w) : w)))}`;
      const collection = isArrayResponse(op) || paths.some((p) => p.startsWith(`${path}/{`));
      return `${collection ? 'list' : 'get'}${noun(words)}`;
    }
    case 'post':
      return `create${noun(endsWithParam ? one : [...head, singular(last)])}`;
    case 'put':
      return `set${noun(endsWithParam ? one : words)}`;
    case 'patch':
      return `update${noun(endsWithParam ? one : words)}`;
    case 'delete':
      return `delete${noun(endsWithParam ? one : words)}`;
    default:
      return `${method}${noun(words)}`;
  }
}

/** Gives every operation an operationId (a route's own wins) and refuses duplicates. */
export function nameOperations(doc: JsonObject): JsonObject {
  const seen = new Map<string, string>();
  const paths = Object.keys(doc.paths ?? {});
  for (const [path, method, op] of operations(doc)) {
    op.operationId ??= deriveOperationId(method, path, op, paths);
    const where = `${method.toUpperCase()} ${path}`;
    const before = seen.get(op.operationId);
    if (before)
      throw new Error(
        `operationId ${op.operationId} is given to both ${before} and ${where}: declare schema.operationId on one`,
      );
    seen.set(op.operationId, where);
  }
  return doc;
}

/** Everything above, in order. */
export function finishDocument(
  doc: JsonObject,
  ids: Iterable<string>,
  statuses: ProblemStatuses,
): JsonObject {
  return nameOperations(documentProblems(mergeSchemaVariants(doc, ids), statuses));
}
