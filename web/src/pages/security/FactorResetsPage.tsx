import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './security.i18n';

const KEY = ['factor-resets'];

/** Maker–checker for lost authenticators: one admin asks, another approves or refuses. */
export default function FactorResetsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/factor-resets')) });
  const ask = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/factor-resets', { body: { email, reason } })),
    onSuccess: () => {
      setEmail('');
      setReason('');
      return qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const decide = useMutation({
    mutationFn: ({ id, approve }: { id: string; approve: boolean }) =>
      unwrap(
        approve
          ? api.POST('/api/v1/factor-resets/{id}/approve', { params: { path: { id } } })
          : api.POST('/api/v1/factor-resets/{id}/reject', { params: { path: { id } } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const onAsk = (e: FormEvent) => {
    e.preventDefault();
    ask.mutate();
  };
  return (
    <Page title={t('factor.resetsTitle')} wide>
      <p>{t('factor.resetsLead')}</p>
      <h2>{t('factor.queue')}</h2>
      <FormAlert error={list.error ?? decide.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data?.length ? (
        <ScrollTable label={t('factor.queue')}>
          <thead>
            <tr>
              <th scope="col">{t('factor.who')}</th>
              <th scope="col">{t('factor.reason')}</th>
              <th scope="col">{t('factor.askedBy')}</th>
              <th scope="col">{t('factor.when')}</th>
              <th scope="col">{t('factor.status')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.userName}
                  <br />
                  <span dir="ltr">{r.userEmail}</span>
                </td>
                <td>{r.reason}</td>
                <td>{r.requestedByName}</td>
                <td>{fmt.dateTime(r.requestedAt)}</td>
                <td>
                  {r.status !== 'pending' ? (
                    t(`factor.${r.status}`)
                  ) : r.requestedBy === me?.id ? (
                    t('factor.yours')
                  ) : (
                    <span className="actions">
                      <button
                        type="button"
                        className="btn btn--primary"
                        disabled={decide.isPending}
                        onClick={() =>
                          window.confirm(t('factor.confirmApprove', { name: r.userName })) &&
                          decide.mutate({ id: r.id, approve: true })
                        }
                      >
                        {t('factor.approve')}
                        <span className="visually-hidden"> {r.userName}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="btn"
                        disabled={decide.isPending}
                        onClick={() => decide.mutate({ id: r.id, approve: false })}
                      >
                        {t('factor.reject')}
                        <span className="visually-hidden"> {r.userName}</span>
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : (
        <p>{t('factor.none')}</p>
      )}
      <form className="form" onSubmit={onAsk} noValidate aria-labelledby="reset-ask">
        <h2 id="reset-ask">{t('factor.askTitle')}</h2>
        {ask.isSuccess ? <Notice kind="success">{t('factor.asked')}</Notice> : null}
        <FormAlert error={ask.error} />
        <TextField
          id="reset-email"
          label={t('factor.account')}
          hint={t('factor.accountHint')}
          dir="ltr"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(ask.error, 'email') ? t('factor.accountUnknown') : undefined}
        />
        <TextField
          id="reset-reason"
          label={t('factor.reason')}
          hint={t('factor.reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(ask.error, 'reason')}
        />
        <button className="btn btn--primary" type="submit" disabled={ask.isPending}>
          {ask.isPending ? t('common.wait') : t('factor.ask')}
        </button>
      </form>
    </Page>
  );
}
