import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { paths } from '../../api/schema';
import { useFormat } from '../../lib/useFormat';

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

/**
 * The words for an arrears bucket label of the settings in force ('current', '30-59', '90+'),
 * in the reader's language and digits.
 */
export function useBucketName() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (label: string): string => {
    if (label === 'current') return t('loans.bucket.current');
    const over = /^(\d+)\+$/.exec(label);
    if (over) return t('loans.bucket.over', { from: fmt.number(Number(over[1])) });
    const range = /^(\d+)-(\d+)$/.exec(label);
    if (range)
      return t('loans.bucket.range', {
        from: fmt.number(Number(range[1])),
        to: fmt.number(Number(range[2])),
      });
    return label;
  };
}
