import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { quarterHours } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';

// The set-up page's shared pieces: one section with its own form, and its save hook.
export type Status = components['schemas']['CenterStatus'];
export const STATUSES: Status[] = [
  'approved',
  'under_setup',
  'inspected',
  'operational',
  'suspended',
  'closed',
];
export const SPACE_KINDS = ['hot_desk_area', 'cabin', 'meeting_room', 'training_room'] as const;
export const TIMES = [...quarterHours('00:00', '23:45'), '23:59'];

/** One section of the set-up page: its own form, its own error and "saved" message. */
export function Section({
  title,
  id,
  onSubmit,
  pending,
  error,
  saved,
  children,
  submitLabel,
}: {
  title: string;
  id: string;
  onSubmit: () => void;
  pending: boolean;
  error: unknown;
  saved: boolean;
  children: ReactNode;
  submitLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="form card"
      aria-labelledby={`${id}-h`}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h2 id={`${id}-h`}>{title}</h2>
      <FormAlert error={error} />
      {children}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {submitLabel ?? t('bk.setup.save')}
        </button>
      </div>
      {saved ? (
        <p role="status" className="free-seats">
          {t('bk.setup.saved')}
        </p>
      ) : null}
    </form>
  );
}

export function useSave<T>(fn: (body: T) => Promise<unknown>, centreId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', centreId] }),
  });
}

export const num = (v: string) => (v.trim() === '' ? null : Number(v));
export const rupeesToPaisa = (v: string) => (v.trim() === '' ? null : Math.round(Number(v) * 100));
