import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

/**
 * Serves the built React app. Hashed assets are cached forever; index.html never, so a new
 * release reaches phones at once. Unknown non-API paths fall back to index.html (client routing).
 * The build writes a `.br` and a `.gz` of every text file (web/vite.config.ts), sent to a browser
 * that accepts them: the scripts travel in about a third of their bytes, compressed once.
 */
export async function registerWeb(app: FastifyInstance, config: Config): Promise<void> {
  const root = resolve(config.webDir);
  if (!existsSync(resolve(root, 'index.html'))) {
    app.log.warn(`web app not built at ${root}; run "npm run build"`);
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    setHeaders: (reply, path) => {
      if (/[\\/]assets[\\/]/.test(path)) reply.header('cache-control', 'public, max-age=31536000, immutable');
      else reply.header('cache-control', 'no-cache');
    },
  });
  app.get('/assets/*', { schema: { hide: true } }, (req, reply) => {
    const rest = (req.params as { '*': string })['*'];
    return reply.sendFile(`assets/${rest}`);
  });
}
