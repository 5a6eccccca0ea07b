import type { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError } from '../../shared/errors.ts';

/**
 * The HTTP side of a single-file upload, shared by application documents, inspection photos and
 * earnings statements: the multipart parser's limits, the refusal of an oversized or
 * non-multipart body before any of it is read, and the one "file" part. The upload store
 * (upload-store.ts) then streams, counts, hashes and sniffs it.
 */

const megabytes = (bytes: number) => Math.floor(bytes / 1048576);

/** Registers the multipart parser on this plugin only: one file part and at most `fields` fields. */
export async function registerUploadParser(app: FastifyInstance, maxBytes: number, fields = 2) {
  await app.register(multipart, {
    limits: { fileSize: maxBytes + 1, files: 1, fields, parts: fields + 1, fieldSize: 1000 },
  });
}

/** The OpenAPI description of an upload route. */
export const uploadDescription = (types: string, maxBytes: number, extra = '') =>
  `multipart/form-data with one part named "file": ${types}, checked by content, at most ${megabytes(maxBytes)} MB. The SHA-256 checksum is recorded.${extra}`;

/**
 * Route config that documents an upload's request body in OpenAPI: multipart/form-data with the
 * one "file" part, so that a generated client can send it. Documentation only: the route declares
 * no body schema, since the handler reads the parts as a stream (filePart) and Fastify must not
 * validate a body it never parses.
 */
export const uploadBodyDocs = (types: string, maxBytes: number): { swaggerTransform: SwaggerTransform } => ({
  swaggerTransform: (input) => {
    const { schema, url } = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
    const body = {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: `${types}, at most ${megabytes(maxBytes)} MB`,
        },
      },
    };
    return { schema: { ...schema, consumes: ['multipart/form-data'], body }, url };
  },
});

/**
 * A preValidation hook: refuses a body whose declared length is over the limit (with room for
 * the multipart envelope) and one that is not multipart, then runs the route's own permission
 * check, all before the body is read.
 */
export const uploadPreValidation =
  (maxBytes: number, check: (req: FastifyRequest) => Promise<unknown>) => async (req: FastifyRequest) => {
    if (Number(req.headers['content-length'] ?? 0) > maxBytes + 64 * 1024)
      throw new AppError('payload_too_large', `The file is larger than ${megabytes(maxBytes)} MB`);
    if (!req.isMultipart())
      throw new AppError('unsupported_media_type', 'Send multipart/form-data with a "file" part');
    await check(req);
  };

/** The upload's file part, or a 400 when there is none. */
export async function filePart(req: FastifyRequest): Promise<MultipartFile> {
  const part = await req.file();
  if (!part) throw new AppError('bad_request', 'No file part in the upload');
  return part;
}

/**
 * Sends a stored file as a download: its type, length and SHA-256, a file name safe in a header,
 * and never cached outside the person's own browser.
 */
export function sendStoredFile(
  reply: FastifyReply,
  f: { contentType: string; fileName: string; sha256: string; sizeBytes: number; stream: Readable },
) {
  return reply
    .type(f.contentType)
    .header('content-length', String(f.sizeBytes))
    .header('content-disposition', `attachment; filename="${f.fileName.replace(/[^\w.-]+/g, '_')}"`)
    .header('x-content-sha256', f.sha256)
    .header('cache-control', 'private, no-store')
    .send(f.stream);
}
