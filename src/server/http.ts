import { z } from 'zod';

/** RFC 9457 problem details as Markaz sends them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable machine-readable code'),
    requestId: z.string().optional(),
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
      .describe('The offending fields'),
  })
  .passthrough()
  .meta({ id: 'Problem' });

/** Response entries for OpenAPI: the error statuses a route can answer with. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema]));
}

export const IdParamSchema = z.object({ id: z.string().uuid('must be a UUID') });

export const NoContent = z.undefined().describe('Done; nothing to return');
