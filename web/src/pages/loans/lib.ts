import { useRef } from 'react';

import type { paths } from '../../api/schema';

type Paths = paths;
export type Loan = Paths['/api/v1/loans/{id}']['get']['responses'][200]['content']['application/json'];
export type LoanSummary =
  Paths['/api/v1/loans']['get']['responses'][200]['content']['application/json'][number];

/**
 * One Idempotency-Key per submission: the same key while the same body is retried (a lost
 * answer, a network error), a fresh one once the body changes or the last attempt succeeded.
 */
export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  return {
    keyFor(body: unknown): string {
      const text = JSON.stringify(body);
      if (last.current?.body !== text) last.current = { body: text, key: crypto.randomUUID() };
      return last.current.key;
    },
    done(): void {
      last.current = null;
    },
  };
}
