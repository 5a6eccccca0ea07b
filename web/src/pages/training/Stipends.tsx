import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './bank.i18n';
import './staff.i18n';

const lastMonth = () => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
};

/** The monthly stipend run, its outcome per centre, the bank file, and clawback. */
export function Stipends() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [month, setMonth] = useState(lastMonth());
  const list = useQuery({
    queryKey: ['training-stipends', month],
    queryFn: () => unwrap(api.GET('/api/v1/training/stipends', { params: { query: { month } } })),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['training-stipends'] });
  const run = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/training/stipend-runs/{month}', { params: { path: { month } } })),
    onSuccess: refresh,
  });
  const claw = useMutation({
    mutationFn: (centerId: string) =>
      unwrap(
        api.POST('/api/v1/training/stipends/{centerId}/{month}/clawback', {
          params: { path: { centerId, month } },
          body: { reason: window.prompt(t('tr.reason')) ?? '' },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <section aria-labelledby="tr-stipends">
      <h2 id="tr-stipends">{t('tr.stipends')}</h2>
      <div className="inline-form">
        <TextField
          id="stipend-month"
          type="month"
          label={t('tr.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          error={fieldError(run.error, 'month')}
        />
        <button type="button" className="btn btn--primary" onClick={() => run.mutate()}>
          {t('tr.run')}
        </button>
        <a className="btn" href={`/api/v1/training/stipend-runs/${month}/payment-file.csv`}>
          {t('tr.file')}
        </a>
      </div>
      <FormAlert error={run.error ?? claw.error} />
      <ScrollTable label={t('tr.stipends')} stack>
        <thead>
          <tr>
            <th scope="col">{t('tr.col.centre')}</th>
            <th scope="col">{t('tr.col.trainer')}</th>
            <th scope="col">{t('tr.col.amount')}</th>
            <th scope="col">{t('tr.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((s) => (
            <tr key={s.centerId} data-stipend={s.paymentHeld ?? s.status}>
              <th scope="row">{s.centerName}</th>
              <td data-label={t('tr.col.trainer')}>{s.trainerName ?? '—'}</td>
              <td data-label={t('tr.col.amount')}>{fmt.pkr(s.amountMinor)}</td>
              <td data-label={t('tr.col.status')}>
                {s.paymentHeld
                  ? t(s.paymentHeld === 'no_trainer' ? 'trb.heldNoTrainer' : 'trb.held')
                  : t(`tr.stipendStatus.${s.status}`)}
                {s.withheldReasons.length
                  ? `: ${s.withheldReasons.map((r) => t(`tr.withheld.${r}`)).join(', ')}`
                  : ''}{' '}
                {s.status === 'payable' ? (
                  <button type="button" className="btn btn--danger" onClick={() => claw.mutate(s.centerId)}>
                    {t('tr.clawback')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
