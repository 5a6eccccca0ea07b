import { z } from 'zod';

/**
 * Zod's default messages ("Invalid input: expected string, received undefined") are written for
 * programmers. Markaz's field messages are read by owners, bank officers and freelancers, so the
 * common rules get plain English here; the problem's `rule` and `params` carry the same facts for
 * clients that word them in Urdu. A schema's own message (`.min(1, 'is required')`) still wins.
 */
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.input === null) return 'must not be empty';
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      const or = issue.inclusive === false ? 'more than' : 'at least';
      if (issue.origin === 'string')
        return n === 1 ? 'is required' : `must be at least ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${plural(n, 'item')}`;
      if (issue.origin === 'date') return `must be on or after ${String(issue.minimum)}`;
      return `must be ${or} ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      const or = issue.inclusive === false ? 'less than' : 'at most';
      if (issue.origin === 'string') return `must be at most ${plural(n, 'character')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have at most ${plural(n, 'item')}`;
      return `must be ${or} ${n}`;
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'uuid':
        case 'guid':
          return 'must be a UUID';
        case 'email':
          return 'must be an email address';
        case 'url':
          return 'must be a web address (https://…)';
        case 'date':
          return 'must be a date (YYYY-MM-DD)';
        case 'datetime':
          return 'must be a date and time (ISO 8601, e.g. 2026-12-01T09:00:00+05:00)';
        case 'time':
          return 'must be a time (HH:MM)';
        default:
          return 'has the wrong format';
      }
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

let installed = false;
export function installZodMessages(): void {
  if (installed) return;
  installed = true;
  z.config({ customError: (issue) => messageFor(issue) });
}
