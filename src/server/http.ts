import { z } from 'zod';
import { errorStatus } from '../shared/errors.ts';

const ERROR_CODES = Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]];

/** RFC 9457 problem details as Markaz sends them (plugins/errors.ts), as application/problem+json. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('A URI naming the problem: https://markaz.gov.pk/problems/<code>'),
    title: z.string().describe('In English, the same for every problem with this code'),
    status: z.number().int().describe('The HTTP status'),
    detail: z.string().describe('In English, about this occurrence'),
    code: z.enum(ERROR_CODES).describe('Stable machine-readable code'),
    requestId: z.string().optional().describe('Quote it when reporting a problem'),
    retryAfterSeconds: z
      .number()
      .int()
      .optional()
      .describe('When rate limited or locked: seconds until trying again can work (also in Retry-After)'),
    fields: z
      .array(
        z.object({
          path: z.string(),
          message: z.string().describe('In English, for people'),
          rule: z
            .string()
            .optional()
            .describe(
              'Stable name of the broken rule: a Zod issue code (too_small, invalid_format…), required, or an area’s own',
            ),
          params: z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'The rule’s figures (minimum, maximum, format, values…) for wording it in another language',
            ),
        }),
      )
      .optional()
      .describe('The offending fields (validation_failed, and some conflicts)'),
  })
  .passthrough()
  .describe('An RFC 9457 problem. Extension members, such as a booking conflict’s alternatives, may follow.')
  .meta({ id: 'Problem' });

/** Response entries for OpenAPI: the error statuses a route can answer with. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}

export const IdParamSchema = z.object({ id: z.string().uuid('must be a UUID') });

export const NoContent = z.undefined().describe('Done; nothing to return');

/** A file's bytes in a response (format: binary). */
const FileBody = z.any().meta({ type: 'string', format: 'binary' });
/** Text of a declared media type (CSV, iCal). */
const TextBody = z.any().meta({ type: 'string' });

/**
 * A 200 with its media types, for OpenAPI: `'text'` and `'binary'` bodies are sent as they are (a
 * string or a stream) and never validated; a Zod schema describes a JSON one.
 */
export function mediaResponse(description: string, content: Record<string, 'text' | 'binary' | z.ZodType>) {
  const schemaOf = (s: 'text' | 'binary' | z.ZodType) =>
    s === 'text' ? TextBody : s === 'binary' ? FileBody : s;
  return {
    description,
    content: Object.fromEntries(Object.entries(content).map(([type, s]) => [type, { schema: schemaOf(s) }])),
  };
}

/** A download: text for `text/*` types, bytes for the others. */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return mediaResponse(
    description,
    Object.fromEntries(
      mediaTypes.map((t) => [t, t.startsWith('text/') ? ('text' as const) : ('binary' as const)]),
    ),
  );
}
