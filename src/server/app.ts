import { randomUUID } from 'node:crypto';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/connect.ts';
import type { Listen } from '../db/listen.ts';
import type { Deps } from '../deps.ts';
import type { AreaRegistry } from '../platform/registry.ts';
import { AppError } from '../shared/errors.ts';
import { type Clock, systemClock } from '../shared/time.ts';
import { installZodMessages } from '../shared/zod-messages.ts';
import { requestForLog } from './log-request.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling, sendProblem } from './plugins/errors.ts';
import { eventsRoutes } from './plugins/events.ts';
import { registerHealth } from './plugins/health.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { BROTLI_QUALITY, COMPRESS_THRESHOLD, registerPublicCache } from './plugins/public-cache.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerWeb } from './plugins/web.ts';
import { publicRateLimit } from './public-rate-limit.ts';
import type { PurgeChannel } from './purge-channel.ts';

export type AppOptions = {
  config: Config;
  db: Db;
  /** The areas, composed (src/areas.ts): their routes, public pages and sign-in. */
  areas: AreaRegistry;
  /** A read replica for the public read paths (defaults to db). */
  readDb?: Db;
  /** Hears the primary's NOTIFY messages (the free-seat index's feed). */
  listen?: Listen;
  clock?: Clock;
  /** Set false in tests that do not need the built web app. */
  serveWeb?: boolean;
  /** Whether the database is ready (migrated); /readyz reports it. */
  isReady?: () => boolean;
  /** Tells other processes which public pages a write changed, and hears theirs (purge-channel.ts). */
  purgeChannel?: PurgeChannel;
  /** Where the log goes instead of standard output (tests read it). */
  logStream?: { write(line: string): void };
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Builds the HTTP application. It opens nothing: the caller owns the database and the listening. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  installZodMessages();
  const { config, db } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
            serializers: { req: requestForLog },
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const log = app.log;
  const deps: Deps = Object.freeze({
    db,
    clock,
    config,
    log,
    readDb: opts.readDb ?? db,
    areas: opts.areas,
    ...(opts.listen ? { listen: opts.listen } : {}),
  });
  app.decorate('deps', deps);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // Before helmet, cookies and authentication: a fresh public page is answered from its first
  // onRequest hook (plugins/public-cache.ts, docs/decisions/0011-public-fast-path.md).
  const publicLimit = publicRateLimit(clock);
  registerPublicCache(app, {
    routes: opts.areas.publicPages.routes,
    changedBy: opts.areas.publicPages.changedBy,
    ttlSeconds: config.publicCacheSeconds,
    limit: publicLimit,
    ...(opts.purgeChannel ? { channel: opts.purgeChannel } : {}),
  });
  registerErrorHandling(app);
  registerSecurityHeaders(app, { https: config.secureCookies });
  // Answers of 1 kB or more go brotli- or gzip-compressed to a client that accepts it (JSON and
  // CSV shrink to a fifth: a centre page is 14 kB as JSON, 3 kB on the wire). Public pages are
  // compressed once by their cache instead, and the web app's files at build time (decision 0014).
  await app.register(compress, {
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    brotliOptions: {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
      },
    },
    // Request bodies stay as sent: nothing Markaz accepts is worth a decompression bomb's risk.
    globalDecompression: false,
  });
  await app.register(cookie);
  registerAuth(app, deps);
  await registerOpenApi(app);
  registerHealth(app, deps, opts.isReady ?? (() => true));

  await app.register(eventsRoutes(deps));
  for (const area of opts.areas.list) if (area.routes) await app.register(area.routes(deps, { publicLimit }));

  if (opts.serveWeb !== false) await registerWeb(app, config);
  app.setNotFoundHandler((req, reply) => {
    if (
      req.url.startsWith('/api/') ||
      opts.serveWeb === false ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      return sendProblem(reply, new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`));
    }
    return reply.sendFile('index.html', { maxAge: 0, immutable: false });
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}
