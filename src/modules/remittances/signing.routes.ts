import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { IdParamSchema, problems } from '../../server/http.ts';
import { AppError } from '../../shared/errors.ts';
import { bankKeys, checkSignedRequest, signaturesRequired } from './signatures.ts';
import {
  AddSigningKeyInputSchema,
  SetSigningRequiredInputSchema,
  SigningSettingsSchema,
} from './signing-keys.schema.ts';
import {
  addSigningKey,
  revokeSigningKey,
  setSigningRequired,
  signingSettings,
} from './signing-keys.service.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** The bytes of a bank system's request body, kept for its Content-Digest. */
const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const MAX_BODY = 16 * 1024 * 1024;

const bankSystem = (req: FastifyRequest) =>
  req.actor.kind === 'api_key' && req.actor.role === 'bank_officer' && !!req.actor.organizationId;

/**
 * Every request a bank's system makes with its API key to this area is checked for an RFC 9421
 * signature (`signatures.ts`): required when the bank said so, checked whenever one is sent.
 * Requests from people signed in to the web app are not (their session and CSRF token are).
 */
export function checkBankSignatures(app: App, deps: Deps): void {
  app.addHook('preParsing', async (req, _reply, payload) => {
    if (!bankSystem(req)) return payload;
    // A streamed file is never held whole: its digest is checked as it is read (digestChecked).
    if (req.routeOptions.url === FILE_ROUTE) return digestChecked(req, payload);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) throw new AppError('payload_too_large', 'The request body is too large');
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    rawBodies.set(req, raw);
    return Readable.from([raw]);
  });
  app.addHook('preHandler', async (req) => {
    if (!bankSystem(req) || req.actor.kind !== 'api_key') return;
    const bankId = req.actor.organizationId!;
    const now = deps.clock.now();
    await checkSignedRequest(
      now,
      {
        method: req.method,
        // Behind a proxy the address the bank signed is the public one (MARKAZ_PUBLIC_URL).
        url: `${deps.config.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.host}`}${req.url}`,
        headers: req.headers,
        body: req.routeOptions.url === FILE_ROUTE ? 'streamed' : (rawBodies.get(req) ?? Buffer.alloc(0)),
      },
      bankKeys(deps, bankId, now, await signaturesRequired(deps, bankId)),
    );
  });
}

export const FILE_ROUTE = '/api/v1/remittances/batches/file';

/**
 * The body passed on as it arrives, hashed on the way; at its end the hash is compared with the
 * request's Content-Digest (sha-256), and a mismatch fails the read, so the ingestion reading it
 * rolls back. Without a Content-Digest (an unsigned request a bank allows) nothing is compared.
 */
function digestChecked(req: FastifyRequest, payload: Readable): Readable {
  const sent = req.headers['content-digest'];
  const expected = typeof sent === 'string' ? /sha-256=:([A-Za-z0-9+/=]+):/.exec(sent)?.[1] : undefined;
  if (!sent) return payload;
  if (!expected)
    throw new AppError(
      'unauthenticated',
      'The request’s signature is not accepted: a streamed file needs a sha-256 digest',
      {
        fields: [
          {
            path: 'content-digest',
            message: 'a streamed file needs a sha-256 digest',
            rule: 'digest_algorithm',
          },
        ],
      },
    );
  const hash = createHash('sha256');
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const ours = hash.digest('base64');
      done(
        expected === ours
          ? null
          : new AppError(
              'unauthenticated',
              'The request’s signature is not accepted: the body does not match its digest',
              {
                fields: [
                  {
                    path: 'content-digest',
                    message: expected
                      ? 'the body does not match its sha-256 digest'
                      : 'a streamed file needs a sha-256 digest',
                    rule: expected ? 'digest_mismatch' : 'digest_algorithm',
                  },
                ],
              },
            ),
      );
    },
  });
  // A failed body fails the check with it. Whoever reads the file hears a failure through its own
  // pipeline (batch-file.service.ts); this one's callback only keeps a failure nobody reads yet
  // (the request's signature checks still wait on the database) from ending the process.
  return pipeline(payload, check, () => {});
}

/** A bank officer's signing keys and whether signing is required. */
export function signingRoutes(app: App, deps: Deps): void {
  const tags = ['remittances'];
  const response = { 200: SigningSettingsSchema, ...problems(400, 401, 403, 404, 409) };
  app.get(
    '/api/v1/remittances/bank/signing',
    { schema: { tags, summary: 'This bank’s request-signing keys and setting (an officer)', response } },
    async (req) => signingSettings(deps, req.actor),
  );
  app.post(
    '/api/v1/remittances/bank/signing/keys',
    {
      schema: {
        tags,
        summary:
          'Register a public key this bank’s systems sign requests with (RFC 9421; an officer, signed in)',
        body: AddSigningKeyInputSchema,
        response,
      },
    },
    async (req) => addSigningKey(deps, req.actor, req.body),
  );
  app.post(
    '/api/v1/remittances/bank/signing/keys/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a signing key: requests signed with it are refused from now on (an officer)',
        params: IdParamSchema,
        response,
      },
    },
    async (req) => revokeSigningKey(deps, req.actor, req.params.id),
  );
  app.put(
    '/api/v1/remittances/bank/signing/required',
    {
      schema: {
        tags,
        summary:
          'Require every request by this bank’s API keys to be signed, or make it optional (an officer)',
        body: SetSigningRequiredInputSchema,
        response,
      },
    },
    async (req) => setSigningRequired(deps, req.actor, req.body.required),
  );
}
