import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';

const KEY = ['remittances', 'settings'] as const;

/**
 * The days a bank may leave a freelancer's dispute unanswered before its officers are reminded
 * (and again each such period): the programme's admin sets it, the auditor reads it. Until set
 * here, the server's MARKAZ_DISPUTE_REMINDER_DAYS applies.
 */
export function ReminderSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/remittances/settings')),
  });
  const [days, setDays] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (value: number) =>
      unwrap(api.PUT('/api/v1/remittances/settings', { body: { disputeReminderDays: value } })),
    onSuccess: (next) => {
      qc.setQueryData(KEY, next);
      setDays(null);
    },
  });
  const s = settings.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(Number((days ?? String(s?.disputeReminderDays ?? '')).trim()));
  };
  const error = fieldError(save.error, 'disputeReminderDays');
  return (
    <section aria-labelledby="remit-reminders">
      <h2 id="remit-reminders">{t('remit.reminderTitle')}</h2>
      <p>{t('remit.reminderIntro')}</p>
      <FormAlert error={settings.error} />
      {s ? (
        <p data-testid="remit-reminder-now">
          <strong>{t('remit.reminderValue', { days: fmt.number(s.disputeReminderDays) })}</strong>{' '}
          {s.source === 'environment'
            ? t('remit.reminderFromEnv', { days: fmt.number(s.disputeReminderDays) })
            : s.updatedAt
              ? t('remit.reminderSetBy', { who: s.updatedBy ?? '—', date: fmt.date(s.updatedAt) })
              : null}
        </p>
      ) : null}
      {s && canEdit ? (
        <form className="remit-filters" onSubmit={submit} noValidate>
          <TextField
            id="dispute-reminder-days"
            label={t('remit.reminderDays')}
            hint={t('remit.reminderHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            dir="ltr"
            value={days ?? String(s.disputeReminderDays)}
            error={error}
            onChange={(e) => setDays(e.target.value)}
          />
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('remit.reminderSave')}
          </button>
        </form>
      ) : null}
      {save.error && !error ? <FormAlert error={save.error} /> : null}
      {save.isSuccess ? <p role="status">{t('remit.reminderSaved')}</p> : null}
    </section>
  );
}
