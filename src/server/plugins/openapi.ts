import { STATUS_CODES } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorStatus } from '../../shared/errors.ts';
import { finishDocument, type JsonObject, type ProblemStatuses } from '../openapi-document.ts';

export const API_VERSION = '1.0.0';

/** Each error status described by the codes the server answers it with (shared/errors.ts). */
function problemStatuses(): ProblemStatuses {
  const codes = new Map<number, string[]>();
  for (const [code, status] of Object.entries(errorStatus))
    codes.set(status, [...(codes.get(status) ?? []), code]);
  return Object.fromEntries(
    [...codes].map(([status, cs]) => [
      status,
      `${STATUS_CODES[status]}: a problem with code ${cs.join(' or ')}`,
    ]),
  );
}

/** The OpenAPI 3.1 document is generated from the routes' Zod schemas: one source of truth. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const statuses = problemStatuses();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Markaz API',
        version: API_VERSION,
        description:
          "The API of Markaz, the platform for Pakistan's e-working centres programme. Errors are RFC 9457 problem+json with a stable `code`. People authenticate with a session cookie (and send `X-CSRF-Token` on writes); banks' systems with `Authorization: Bearer mkz_…`. Load balancers probe `/healthz` (the process is alive) and `/readyz` (it reaches its migrated database; 503 until then), outside this API.",
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'The server that serves this document' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'markaz_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }, {}],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) =>
      finishDocument(
        jsonSchemaTransformObject(input) as JsonObject,
        z.globalRegistry._idmap.keys(),
        statuses,
      ) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
