import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  deriveOperationId,
  documentProblems,
  type JsonObject,
  mergeSchemaVariants,
} from './openapi-document.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

describe('mergeSchemaVariants', () => {
  it('keeps one component per schema, drops what nothing uses, and keeps Input only where it differs', () => {
    const doc = {
      paths: {
        '/a': {
          post: {
            requestBody: json(ref('CreateAInputInput')),
            responses: { 200: json(ref('A')), 400: json(ref('Problem')) },
          },
        },
        '/b': { put: { requestBody: json(ref('BInput')), responses: { 200: json(ref('B')) } } },
      },
      components: {
        schemas: {
          A: { type: 'object', properties: { tag: ref('Tag') } },
          AInput: { type: 'object', properties: { tag: ref('TagInput') } },
          Tag: { type: 'string' },
          TagInput: { type: 'string' },
          CreateAInput: { type: 'object', properties: { tag: ref('Tag') } },
          CreateAInputInput: { type: 'object', properties: { tag: ref('TagInput') } },
          // A default: required when answered, optional when sent.
          B: { type: 'object', properties: { n: { type: 'number', default: 1 } }, required: ['n'] },
          BInput: { type: 'object', properties: { n: { type: 'number', default: 1 } } },
          Problem: { type: 'object' },
          ProblemInput: { type: 'object' },
          Unused: { type: 'string' },
          UnusedInput: { type: 'string' },
        },
      },
    };
    const out = mergeSchemaVariants(doc, ['A', 'Tag', 'CreateAInput', 'B', 'Problem', 'Unused']);
    const schemas = (out.components as JsonObject).schemas as JsonObject;
    expect(Object.keys(schemas)).toEqual(['A', 'B', 'BInput', 'CreateAInput', 'Problem', 'Tag']);
    expect(schemas.CreateAInput).toEqual({ type: 'object', properties: { tag: ref('Tag') } });
    const paths = out.paths as Record<string, Record<string, JsonObject>>;
    expect(paths['/a']!.post!.requestBody).toEqual(json(ref('CreateAInput')));
    expect(paths['/b']!.put!.requestBody).toEqual(json(ref('BInput')));
  });
});

describe('documentProblems', () => {
  it('declares problems as application/problem+json and adds what authentication refuses', () => {
    const doc = {
      paths: {
        '/api/v1/x': {
          post: {
            responses: {
              201: json(ref('X')),
              404: { description: 'Default Response', ...json(ref('Problem')) },
            },
          },
        },
        '/healthz': { get: { responses: { 200: json(ref('Health')), 503: json(ref('Health')) } } },
      },
    };
    const out = documentProblems(doc, { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' });
    const problem = { 'application/problem+json': { schema: ref('Problem') } };
    const paths = out.paths as Record<string, Record<string, { responses: Record<string, JsonObject> }>>;
    expect(paths['/api/v1/x']!.post!.responses).toEqual({
      201: json(ref('X')),
      401: { description: 'Unauthorized', content: problem },
      403: { description: 'Forbidden', content: problem },
      404: { description: 'Not Found', content: problem },
    });
    // Not a problem: /readyz's 503 is its JSON health report.
    expect(paths['/healthz']!.get!.responses['503']).toEqual(json(ref('Health')));
  });
});

describe('deriveOperationId', () => {
  const list = { responses: { 200: json({ type: 'array', items: ref('X') }) } };
  const one = { responses: { 200: json(ref('X')) } };
  it.each([
    ['get', '/api/v1/centers/{id}', one, 'getCenter'],
    ['get', '/api/v1/centers', one, 'listCenters'],
    ['get', '/api/v1/me/bookings', list, 'listMyBookings'],
    ['post', '/api/v1/bookings', one, 'createBooking'],
    ['post', '/api/v1/applications/{id}/submit', one, 'submitApplication'],
    ['get', '/api/v1/centers/search', one, 'searchCenters'],
    ['get', '/api/v1/centers/{id}/status/preview', one, 'previewCenterStatus'],
    ['put', '/api/v1/calls/{id}/criteria', one, 'setCallCriteria'],
    ['patch', '/api/v1/me', one, 'updateMe'],
    ['delete', '/api/v1/applications/{id}/documents/{documentId}', one, 'deleteApplicationDocument'],
    ['get', '/api/v1/loans/{id}/schedule.csv', one, 'getLoanScheduleCsv'],
    ['get', '/api/v1/open-data/{file}', one, 'getOpenDataFile'],
  ] as const)('%s %s is %s', (method, path, op, id) => {
    expect(deriveOperationId(method, path, op, ['/api/v1/centers', '/api/v1/centers/{id}'])).toBe(id);
  });
});

describe('the committed openapi.json', () => {
  const doc = JSON.parse(readFileSync('openapi.json', 'utf8'));
  const operations = Object.entries(doc.paths as Record<string, Record<string, JsonObject>>).flatMap(
    ([path, item]) => Object.entries(item).map(([method, op]) => ({ where: `${method} ${path}`, op })),
  );

  it('declares every error as problem+json and every operation a 4xx', () => {
    for (const { where, op } of operations) {
      const responses = op.responses as Record<string, { content?: Record<string, unknown> }>;
      expect(
        Object.keys(responses).some((s) => s.startsWith('4')),
        where,
      ).toBe(true);
      for (const [status, r] of Object.entries(responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(r.content ?? {}), `${where} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('declares downloads with their media types and uploads with a multipart body', () => {
    const content = (path: string, method = 'get', status = '200') =>
      Object.keys(doc.paths[path][method].responses[status].content);
    expect(content('/api/v1/calendar/{file}')).toEqual(['text/calendar']);
    expect(content('/api/v1/loans/{id}/schedule.csv')).toEqual(['text/csv']);
    expect(content('/api/v1/applications/{id}/documents/{documentId}')).toEqual([
      'application/pdf',
      'image/jpeg',
      'image/png',
    ]);
    for (const path of [
      '/api/v1/applications/{id}/documents',
      '/api/v1/centers/{id}/inspections/{inspectionId}/photos',
      '/api/v1/me/earnings/{month}/statement',
    ]) {
      const body = doc.paths[path].post.requestBody;
      expect(body.content['multipart/form-data'].schema.properties.file, path).toMatchObject({
        type: 'string',
        format: 'binary',
      });
    }
  });

  it('names its schemas once', () => {
    expect(Object.keys(doc.components.schemas).filter((n) => /InputInput$|Output$/.test(n))).toEqual([]);
  });
});
