import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { todayInKarachi } from '../../lib/dates';
import { useFormat } from '../../lib/useFormat';
import { LogReceipts } from '../audit/LogReceipts';
import { DisputeLine, DisputesList } from './Disputes';
import { useUsd } from './lib';
import { TextAction } from './TextAction';
import './remittances.css';

type Consent = components['schemas']['RemittanceConsent'];
type Month = components['schemas']['RemittanceMonth'];
type Figure = components['schemas']['ConsentFigure'];
const FIGURES: Figure[] = ['counts', 'prc', 'retention'];
const KEY = ['remittances', 'mine'];

function ConsentForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const banks = useQuery({
    queryKey: ['remittances', 'banks'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/banks')),
  });
  const today = todayInKarachi();
  const [form, setForm] = useState({ bankId: '', iban: '', startsOn: today, expiresOn: '' });
  const [scope, setScope] = useState<Figure[]>(['counts']);
  const give = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/remittances/consents', { body: { ...form, scope } })),
    onSuccess: () => {
      setForm({ ...form, iban: '' });
      void qc.invalidateQueries({ queryKey: KEY });
    },
  });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    give.mutate();
  };
  const chosenCode = banks.data?.find((b) => b.id === form.bankId)?.ibanCode;
  return (
    <form className="card card--muted form" onSubmit={submit} noValidate>
      <h3>{t('remit.giveConsent')}</h3>
      <FormAlert error={give.error} />
      <SelectField
        id="bankId"
        label={t('remit.bank')}
        value={form.bankId}
        onChange={set('bankId')}
        error={fieldError(give.error, 'bankId')}
      >
        <option value="">{t('remit.chooseBank')}</option>
        {(banks.data ?? []).map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </SelectField>
      <TextField
        id="iban"
        label={t('remit.iban')}
        hint={
          chosenCode
            ? `${t('remit.ibanHint')}${t('remit.sentenceEnd')} ${t('remit.bankIbanHint', { code: chosenCode })}`
            : t('remit.ibanHint')
        }
        value={form.iban}
        onChange={set('iban')}
        dir="ltr"
        autoComplete="off"
        error={fieldError(give.error, 'iban')}
      />
      <fieldset className="field">
        <legend>{t('remit.scope')}</legend>
        {FIGURES.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              checked={scope.includes(f)}
              onChange={(e) => setScope(e.target.checked ? [...scope, f] : scope.filter((s) => s !== f))}
            />{' '}
            {t(`remit.scopeItem.${f}`)}
          </label>
        ))}
      </fieldset>
      <div className="remit-dates">
        <TextField
          id="startsOn"
          type="date"
          label={t('remit.startsOn')}
          value={form.startsOn}
          onChange={set('startsOn')}
          error={fieldError(give.error, 'startsOn')}
        />
        <TextField
          id="expiresOn"
          type="date"
          label={t('remit.expiresOn')}
          value={form.expiresOn}
          onChange={set('expiresOn')}
          error={fieldError(give.error, 'expiresOn')}
        />
      </div>
      <button type="submit" className="btn btn--primary" disabled={give.isPending}>
        {t('remit.consentSave')}
      </button>
    </form>
  );
}

function ConsentCard({ c }: { c: Consent }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/remittances/consents/{id}/revoke', {
          params: { path: { id: c.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <li className="card" data-consent={c.status}>
      <p>
        <strong>{c.bankName}</strong> · <span dir="ltr">{c.iban}</span>
      </p>
      <p>
        <strong>{t(`remit.consentStatus.${c.status}`)}</strong> ·{' '}
        {t('remit.period', { from: fmt.date(c.startsOn), to: fmt.date(c.expiresOn) })}
      </p>
      <p className="field-hint">{c.scope.map((s) => t(`remit.scopeItem.${s}`)).join(' · ')}</p>
      {c.revokedAt ? <p>{t('remit.revokedOn', { d: fmt.date(c.revokedAt), r: c.revokeReason })}</p> : null}
      {c.status !== 'revoked' && !open ? (
        <button type="button" className="btn btn--danger" onClick={() => setOpen(true)}>
          {t('remit.revoke')}
        </button>
      ) : null}
      {open && c.status !== 'revoked' ? (
        <div className="card card--muted">
          <FormAlert error={revoke.error} />
          <TextField
            id={`reason-${c.id}`}
            label={t('remit.revokeReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={fieldError(revoke.error, 'reason')}
          />
          <button
            type="button"
            className="btn btn--danger"
            onClick={() => revoke.mutate()}
            disabled={revoke.isPending}
          >
            {t('remit.revokeConfirm')}
          </button>
        </div>
      ) : null}
      <LogReceipts entity="remittance_consent" entityId={c.id} compact />
    </li>
  );
}

function Explain({ m }: { m: Month }) {
  const { t } = useTranslation();
  return (
    <TextAction
      id={`explain-${m.month}`}
      summary={m.explanation ? m.explanation : t('remit.explain')}
      label={t('remit.explanation')}
      button={t('remit.explainSave')}
      initial={m.explanation ?? ''}
      invalidate={KEY}
      send={(text) =>
        unwrap(api.POST('/api/v1/remittances/me/explanations', { body: { month: m.month, text } }))
      }
    />
  );
}

/** A freelancer's consents for banks to report, and each month declared beside attested. */
export default function MyEvidencePage() {
  const { t } = useTranslation();
  const usd = useUsd();
  const fmt = useFormat();
  const consents = useQuery({
    queryKey: [...KEY, 'consents'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/consents')),
  });
  const months = useQuery({
    queryKey: [...KEY, 'months'],
    queryFn: () => unwrap(api.GET('/api/v1/remittances/me/months')),
  });
  return (
    <Page title={t('remit.evidenceTitle')}>
      <p className="lead">{t('remit.evidenceIntro')}</p>
      <section aria-labelledby="remit-consents">
        <h2 id="remit-consents">{t('remit.consents')}</h2>
        {consents.isPending ? <Loading /> : null}
        <FormAlert error={consents.error} />
        {consents.data?.length === 0 ? <p>{t('remit.noConsents')}</p> : null}
        <ul className="remit-list">
          {(consents.data ?? []).map((c) => (
            <ConsentCard key={c.id} c={c} />
          ))}
        </ul>
        <ConsentForm />
      </section>
      <section aria-labelledby="remit-months">
        <h2 id="remit-months">{t('remit.months')}</h2>
        <p>{t('remit.monthsIntro')}</p>
        {months.isPending ? <Loading /> : null}
        <FormAlert error={months.error} />
        {months.data?.length === 0 ? <p>{t('remit.noMonths')}</p> : null}
        {months.data?.length ? (
          <ScrollTable label={t('remit.months')} stack>
            <thead>
              <tr>
                <th scope="col">{t('remit.month')}</th>
                <th scope="col">{t('remit.declared')}</th>
                <th scope="col">{t('remit.attested')}</th>
                <th scope="col">{t('remit.outcomeCol')}</th>
              </tr>
            </thead>
            <tbody>
              {months.data.map((m) => (
                <tr key={m.month} data-outcome={m.outcome}>
                  <th scope="row" data-label={t('remit.month')}>
                    {fmt.month(m.month)}
                  </th>
                  <td className="num" data-label={t('remit.declared')}>
                    {usd(m.declared)}
                  </td>
                  <td className="num" data-label={t('remit.attested')}>
                    {usd(m.attested)}{' '}
                    {m.banks.length ? (
                      <span className="field-hint">({m.banks.map((b) => b.bankCode).join(', ')})</span>
                    ) : null}
                  </td>
                  <td data-label={t('remit.outcomeCol')}>
                    <span className={`remit-badge remit-badge--${m.outcome}`}>
                      {t(`remit.outcome.${m.outcome}`)}
                    </span>
                    {m.outcome !== 'matched' && m.outcome !== 'no_consent' ? <Explain m={m} /> : null}
                    {m.banks.length ? <DisputeLine m={m} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : null}
      </section>
      <DisputesList side="freelancer" />
    </Page>
  );
}
