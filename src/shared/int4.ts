import { z } from 'zod';

/** The largest value of PostgreSQL's `integer` (int4): the type of the geography's ids. */
export const INT4_MAX = 2_147_483_647;

/**
 * An id of an `integer` column in a request body, bounded so that a too-large one is a 400 that
 * names the field rather than a 500 from the database ("out of range for type integer").
 */
export const int4Id = () => z.number().int().min(1).max(INT4_MAX);

/** The same in a path or query string, where it arrives as text. */
export const int4IdParam = () =>
  z.preprocess(
    // Digits only: `0x10`, `1e3` or ` 12` are not ids, though Number() would read them as such.
    (v) => (typeof v === 'string' && !/^\d{1,10}$/.test(v) ? Number.NaN : v),
    z.coerce.number().int().min(1).max(INT4_MAX),
  );
