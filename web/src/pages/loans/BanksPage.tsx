import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { todayInKarachi, wholeNumber } from './money';
import { RateRestatements } from './RateRestatements';
import './loan-actions.i18n';
import './loans.i18n';

const BANKS = ['loan-banks'] as const;
const RATES = ['benchmark-rates'] as const;
const SPREADS = ['bank-spreads'] as const;

function useBps() {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (bps: number) => t('loans.banks.bps', { bps: fmt.number(bps), pct: fmt.number(bps / 100) });
}

/** A form of text fields posting one JSON body; numbers are checked here, everything again on the server. */
function EntryForm<B>({
  id,
  title,
  fields,
  numbers,
  submit,
  submitLabel,
  savedLabel,
  invalidate,
  children,
}: {
  id: string;
  title: string;
  fields: { name: string; label: string; hint?: string; type?: string; initial?: string }[];
  numbers: string[];
  submit: (body: B) => Promise<unknown>;
  submitLabel: string;
  savedLabel: string;
  invalidate: readonly (readonly string[])[];
  children?: (
    value: Record<string, string>,
    set: (k: string, v: string) => void,
    err: (p: string) => string | undefined,
  ) => ReactNode;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? '']));
  const [value, setValue] = useState<Record<string, string>>(initial);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const post = useMutation({
    mutationFn: submit,
    onSuccess: () => {
      setSaved(true);
      setValue(initial());
      setExtra({});
      for (const key of invalidate) void qc.invalidateQueries({ queryKey: key });
    },
  });
  const set = (k: string, v: string) => setExtra((x) => ({ ...x, [k]: v }));
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: Record<string, unknown> = { ...extra };
    const problems: Record<string, string> = {};
    for (const f of fields) {
      const v = value[f.name]?.trim() ?? '';
      if (numbers.includes(f.name)) {
        const n = wholeNumber(v, 6);
        if (n === null) problems[f.name] = t('loans.banks.badNumber');
        body[f.name] = n;
      } else body[f.name] = v;
    }
    setLocal(problems);
    if (Object.keys(problems).length === 0) post.mutate(body as B);
  }
  const err = (p: string) => local[p] ?? fieldError(post.error, p);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {saved ? <Notice kind="success">{savedLabel}</Notice> : null}
      <FormAlert error={post.error} />
      {children?.(extra, set, err)}
      {fields.map((f) => (
        <TextField
          key={f.name}
          id={`${id}-${f.name}`}
          label={f.label}
          hint={f.hint}
          type={f.type ?? 'text'}
          dir={f.type === 'date' ? undefined : 'ltr'}
          autoComplete="off"
          value={value[f.name] ?? ''}
          onChange={(e) => setValue((v) => ({ ...v, [f.name]: e.target.value }))}
          error={err(f.name)}
          required
        />
      ))}
      <button type="submit" className="btn btn--primary" disabled={post.isPending}>
        {submitLabel}
      </button>
    </form>
  );
}

/** Partner banks, benchmark rates and spreads: the admin enters them, everyone staff sees the history. */
export default function BanksPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const bps = useBps();
  const me = useMe();
  const isAdmin = me.data?.role === 'program_admin';
  const banks = useQuery({ queryKey: BANKS, queryFn: () => unwrap(api.GET('/api/v1/loans/banks')) });
  const rates = useQuery({
    queryKey: RATES,
    queryFn: () => unwrap(api.GET('/api/v1/loans/benchmark-rates')),
  });
  const spreads = useQuery({
    queryKey: SPREADS,
    queryFn: () => unwrap(api.GET('/api/v1/loans/bank-spreads')),
  });
  const today = todayInKarachi();
  // The fields the bank, rate and spread forms share.
  const field = {
    benchmark: {
      name: 'benchmark',
      label: t('loans.banks.benchmark'),
      hint: t('loans.banks.benchmarkHint'),
      initial: 'KIBOR_6M',
    },
    spreadBps: { name: 'spreadBps', label: t('loans.banks.spreadBps'), hint: t('loans.banks.spreadHint') },
    effectiveFrom: {
      name: 'effectiveFrom',
      label: t('loans.banks.effectiveFrom'),
      type: 'date',
      initial: today,
    },
  };
  if (banks.isPending || rates.isPending || spreads.isPending) return <Loading />;
  const failed = banks.error ?? rates.error ?? spreads.error;
  return (
    <Page title={t('loans.banks.title')} wide>
      <p className="lead">{t('loans.banks.lead')}</p>
      {failed ? <FormAlert error={failed} /> : null}
      <section aria-labelledby="banks-list">
        <h2 id="banks-list">{t('loans.banks.list')}</h2>
        {!banks.data?.length ? (
          <p>{t('loans.banks.none')}</p>
        ) : (
          <ScrollTable label={t('loans.banks.list')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.banks.colName')}</th>
                <th scope="col">{t('loans.banks.colCode')}</th>
                <th scope="col">{t('loans.banks.colBenchmark')}</th>
                <th scope="col">{t('loans.banks.colSpread')}</th>
              </tr>
            </thead>
            <tbody>
              {banks.data.map((b) => (
                <tr key={b.id}>
                  <th scope="row">{b.name}</th>
                  <td dir="ltr">{b.code}</td>
                  <td dir="ltr">{b.benchmark ?? '—'}</td>
                  <td>{b.spreadBps === null ? t('loans.banks.noTerms') : bps(b.spreadBps)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
        {isAdmin ? (
          <EntryForm<{
            name: string;
            code: string;
            benchmark: string;
            spreadBps: number;
            effectiveFrom: string;
          }>
            id="bank"
            title={t('loans.banks.register')}
            fields={[
              { name: 'name', label: t('loans.banks.name') },
              { name: 'code', label: t('loans.banks.code'), hint: t('loans.banks.codeHint') },
              field.benchmark,
              field.spreadBps,
              field.effectiveFrom,
            ]}
            numbers={['spreadBps']}
            submit={(body) => unwrap(api.POST('/api/v1/loans/banks', { body }))}
            submitLabel={t('loans.banks.registerSend')}
            savedLabel={t('loans.banks.registered')}
            invalidate={[BANKS, SPREADS]}
          />
        ) : null}
      </section>

      <section aria-labelledby="rates-list">
        <h2 id="rates-list">{t('loans.banks.rates')}</h2>
        {!rates.data?.length ? (
          <p>{t('loans.banks.noRates')}</p>
        ) : (
          <ScrollTable label={t('loans.banks.rates')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.banks.colBenchmark')}</th>
                <th scope="col">{t('loans.banks.colFrom')}</th>
                <th scope="col">{t('loans.banks.colRate')}</th>
                <th scope="col">{t('loans.banks.colSource')}</th>
              </tr>
            </thead>
            <tbody>
              {rates.data.map((r) => (
                <tr key={r.id}>
                  <th scope="row" dir="ltr">
                    {r.benchmark}
                  </th>
                  <td>{fmt.date(r.effectiveFrom)}</td>
                  <td>{bps(r.rateBps)}</td>
                  <td>{r.source}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
        {isAdmin ? (
          <EntryForm<{ benchmark: string; effectiveFrom: string; rateBps: number; source: string }>
            id="rate"
            title={t('loans.banks.rateTitle')}
            fields={[
              field.benchmark,
              field.effectiveFrom,
              { name: 'rateBps', label: t('loans.banks.rateBps'), hint: t('loans.banks.rateHint') },
              { name: 'source', label: t('loans.banks.source'), hint: t('loans.banks.sourceHint') },
            ]}
            numbers={['rateBps']}
            submit={(body) => unwrap(api.POST('/api/v1/loans/benchmark-rates', { body }))}
            submitLabel={t('loans.banks.rateSend')}
            savedLabel={t('loans.banks.rateSaved')}
            invalidate={[RATES]}
          />
        ) : null}
        <RateRestatements rates={rates.data ?? []} isAdmin={isAdmin} />
      </section>

      <section aria-labelledby="spreads-list">
        <h2 id="spreads-list">{t('loans.banks.spreads')}</h2>
        {!spreads.data?.length ? (
          <p>{t('loans.banks.noSpreads')}</p>
        ) : (
          <ScrollTable label={t('loans.banks.spreads')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.banks.colCode')}</th>
                <th scope="col">{t('loans.banks.colBenchmark')}</th>
                <th scope="col">{t('loans.banks.colFrom')}</th>
                <th scope="col">{t('loans.banks.spreadBps')}</th>
              </tr>
            </thead>
            <tbody>
              {spreads.data.map((s) => (
                <tr key={s.id}>
                  <th scope="row" dir="ltr">
                    {s.bankCode}
                  </th>
                  <td dir="ltr">{s.benchmark}</td>
                  <td>{fmt.date(s.effectiveFrom)}</td>
                  <td>{bps(s.spreadBps)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        )}
        {isAdmin ? (
          <EntryForm<{ bankId: string; benchmark: string; spreadBps: number; effectiveFrom: string }>
            id="spread"
            title={t('loans.banks.spreadTitle')}
            fields={[field.benchmark, field.spreadBps, field.effectiveFrom]}
            numbers={['spreadBps']}
            submit={(body) => unwrap(api.POST('/api/v1/loans/bank-spreads', { body }))}
            submitLabel={t('loans.banks.spreadSend')}
            savedLabel={t('loans.banks.spreadSaved')}
            invalidate={[SPREADS, BANKS]}
          >
            {(extra, set, err) => (
              <SelectField
                id="spread-bankId"
                label={t('loans.banks.bank')}
                value={extra.bankId ?? ''}
                onChange={(e) => set('bankId', e.target.value)}
                error={err('bankId')}
                required
              >
                <option value="">{t('loans.banks.choose')}</option>
                {banks.data?.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name} ({b.code})
                  </option>
                ))}
              </SelectField>
            )}
          </EntryForm>
        ) : null}
      </section>
    </Page>
  );
}
