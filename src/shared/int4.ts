import { z } from 'zod';

/** The largest value of PostgreSQL's `integer` (int4): the type of the geography's ids. */
export const INT4_MAX = 2_147_483_647;

/**
 * An id of an `integer` column in a request body, bounded so that a too-large one is a 400 that
 * names the field rather than a 500 from the database ("out of range for type integer").
 */
export const int4Id = () => z.number().int().min(1).max(INT4_MAX);

/** The same in a path or query string, where it arrives as text. */
export const int4IdParam = () => z.coerce.number().int().min(1).max(INT4_MAX);
