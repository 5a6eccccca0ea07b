import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { PublicPages } from '../../platform/area.ts';
import { fileResponse, mediaResponse, problems } from '../../server/http.ts';
import type { PublicRateLimit } from '../../server/public-rate-limit.ts';
import { listCertificates, listMyCertificates, revokeCertificate } from './certificates.service.ts';
import * as schema from './credentials.schema.ts';
import {
  getCertificatePdf,
  getIssuerProfile,
  getSignedCredential,
  getStatusList,
  verifyCertificate,
} from './verify.service.ts';

const VC_MEDIA_TYPE = 'application/vc+ld+json';
const STATUS_LIST = '/api/v1/public/credential-status/1';
const BY_CODE = ['', '/credential.json', '/certificate.pdf'];

/**
 * The public pages (cached in memory like the portal's, plugins/public-cache.ts): a revocation
 * drops the certificate's pages and the status list at once, in every process.
 */
export const credentialsPublicPages: PublicPages = {
  routes: [
    '/api/v1/public/credentials/issuer',
    '/api/v1/public/credential-status/:listId',
    '/api/v1/public/credentials/:code',
    '/api/v1/public/credentials/:code/credential.json',
    '/api/v1/public/credentials/:code/certificate.pdf',
  ],
  changedBy: (route, params) => {
    if (route !== '/api/v1/certificates/:code/revoke' || !params.code) return [];
    return [STATUS_LIST, ...BY_CODE.map((tail) => `/api/v1/public/credentials/${params.code}${tail}`)];
  },
};

export const credentialsRoutes =
  (deps: Deps, publicLimit?: PublicRateLimit): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['credentials'];
    // The public read API's per-address limit, shared with the public cache (as transparency's).
    if (publicLimit)
      app.addHook('onRequest', async (req) => {
        if (publicLimit.covers(req.url)) publicLimit.enforce(req);
      });

    app.get(
      '/api/v1/public/credentials/issuer',
      {
        schema: {
          tags,
          summary: 'The certificates’ issuer: its did:key and Ed25519 public key (public)',
          response: { 200: schema.IssuerProfileSchema, ...problems(429) },
        },
      },
      async () => getIssuerProfile(deps),
    );

    app.get(
      `/api/v1/public/credential-status/:listId`,
      {
        schema: {
          tags,
          summary: 'The signed revocation list: a W3C Bitstring Status List credential (public)',
          params: z.object({ listId: z.enum(['1']) }),
          response: {
            200: mediaResponse('The status list credential', {
              [VC_MEDIA_TYPE]: schema.SignedCredentialSchema,
              'application/json': schema.SignedCredentialSchema,
            }),
            ...problems(400, 429),
          },
        },
      },
      async () => getStatusList(deps),
    );

    app.get(
      '/api/v1/public/credentials/:code',
      {
        schema: {
          tags,
          summary:
            'Verify a certificate by its code: who earned what and when, or that it was revoked (public)',
          params: schema.CodeParamSchema,
          response: { 200: schema.CertificateVerificationSchema, ...problems(400, 404, 429) },
        },
      },
      async (req) => verifyCertificate(deps, req.params.code),
    );

    app.get(
      '/api/v1/public/credentials/:code/credential.json',
      {
        schema: {
          tags,
          summary: 'The certificate as a signed Open Badges 3.0 credential (public, by code)',
          params: schema.CodeParamSchema,
          response: { 200: fileResponse('The credential', [VC_MEDIA_TYPE]), ...problems(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const credential = await getSignedCredential(deps, req.params.code);
        return reply
          .type(VC_MEDIA_TYPE)
          .header('content-disposition', `attachment; filename="certificate-${req.params.code}.json"`)
          .send(JSON.stringify(credential, null, 2));
      },
    );

    app.get(
      '/api/v1/public/credentials/:code/certificate.pdf',
      {
        schema: {
          tags,
          summary: 'The printable certificate in English and Urdu (public, by code)',
          params: schema.CodeParamSchema,
          response: { 200: fileResponse('The certificate', ['application/pdf']), ...problems(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const pdf = await getCertificatePdf(deps, req.params.code);
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="certificate-${req.params.code}.pdf"`)
          .send(pdf);
      },
    );

    app.get(
      '/api/v1/me/certificates',
      {
        schema: {
          tags,
          summary: 'My certificates',
          response: { 200: z.array(schema.CertificateSchema), ...problems(401) },
        },
      },
      async (req) => listMyCertificates(deps, req.actor),
    );

    app.get(
      '/api/v1/certificates',
      {
        schema: {
          tags,
          summary: 'Every certificate, newest first, up to 500 (programme admin, auditor)',
          querystring: schema.CertificateListQuerySchema,
          response: { 200: z.array(schema.CertificateSchema), ...problems(400, 401, 403) },
        },
      },
      async (req) => listCertificates(deps, req.actor, req.query),
    );

    app.post(
      '/api/v1/certificates/:code/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke a certificate with a reason (programme admin); the status list says so at once',
          params: schema.CodeParamSchema,
          body: schema.RevokeCertificateInputSchema,
          response: { 200: schema.CertificateSchema, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (req) => revokeCertificate(deps, req.actor, req.params.code, req.body),
    );
  };
