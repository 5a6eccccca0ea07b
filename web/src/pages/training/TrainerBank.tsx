import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './bank.i18n';
import './staff.i18n';

/** The trainer's IBAN for stipends (kept encrypted) and their stipends, each held one saying why. */
export function TrainerBank() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [iban, setIban] = useState('');
  const account = useQuery({
    queryKey: ['trainer-bank-account'],
    queryFn: () => unwrap(api.GET('/api/v1/training/me/bank-account')),
  });
  const stipends = useQuery({
    queryKey: ['training-stipends', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/training/stipends')),
  });
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/training/me/bank-account', { body: { iban } })),
    onSuccess: () => {
      setIban('');
      void qc.invalidateQueries({ queryKey: ['trainer-bank-account'] });
      void qc.invalidateQueries({ queryKey: ['training-stipends'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const ibanError = fieldError(save.error, 'iban') ? t('trb.ibanInvalid') : undefined;
  return (
    <section className="card" aria-labelledby="trb-title">
      <h2 id="trb-title">{t('trb.title')}</h2>
      <p>{t('trb.lead')}</p>
      {account.data ? (
        <p data-testid="iban-on-record">
          {t('trb.current', { iban: account.data.ibanMasked, d: fmt.date(account.data.updatedAt) })}
        </p>
      ) : account.isSuccess ? (
        <p className="alert alert--info" data-testid="iban-missing">
          {t('trb.none')}
        </p>
      ) : null}
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField
          id="trainer-iban"
          label={t('trb.iban')}
          hint={t('trb.ibanHint')}
          value={iban}
          onChange={(e) => setIban(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          dir="ltr"
          required
          error={ibanError}
        />
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {t('trb.save')}
        </button>
      </form>
      {ibanError ? null : <FormAlert error={save.error} />}
      {save.isSuccess ? <Notice kind="success">{t('trb.saved')}</Notice> : null}
      <h3>{t('trb.stipends')}</h3>
      {stipends.data?.length === 0 ? <p>{t('trb.noStipends')}</p> : null}
      <FormAlert error={stipends.error} />
      {stipends.data?.length ? (
        <ScrollTable label={t('trb.stipends')} stack>
          <thead>
            <tr>
              <th scope="col">{t('tr.month')}</th>
              <th scope="col">{t('tr.col.centre')}</th>
              <th scope="col">{t('tr.col.amount')}</th>
              <th scope="col">{t('tr.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {stipends.data.map((s) => (
              <tr key={`${s.centerId}-${s.month}`} data-stipend={s.paymentHeld ?? s.status}>
                <th scope="row">{fmt.month(s.month)}</th>
                <td data-label={t('tr.col.centre')}>{s.centerName}</td>
                <td data-label={t('tr.col.amount')}>{fmt.pkr(s.amountMinor)}</td>
                <td data-label={t('tr.col.status')}>
                  {s.paymentHeld
                    ? t(s.paymentHeld === 'no_trainer' ? 'trb.heldNoTrainer' : 'trb.held')
                    : t(`tr.stipendStatus.${s.status}`)}
                  {s.withheldReasons.length
                    ? `: ${s.withheldReasons.map((r) => t(`tr.withheld.${r}`)).join(', ')}`
                    : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}
