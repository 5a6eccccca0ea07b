import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading } from '../../components/Page';
import { toMinor } from './fund-lib';
import './fund.i18n';
import './fund-forms.i18n';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'AED', 'SAR'] as const;
type Row = { key: number; investorId: string; amount: string };

/** The eligibility rules a refused round broke, in the reader's language. */
function Refusals({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const known = error.fields.filter((f) => f.rule && t(`fund.rule.${f.rule}`, { defaultValue: '' }));
  if (!known.length) return null;
  const pct = (bps: unknown) => String(Number(bps) / 100);
  return (
    <div className="fund-refusals" role="alert" data-testid="fund-refusals">
      <p>{t('fund.refused')}</p>
      <ul>
        {known.map((f) => (
          <li key={f.rule}>
            {t(`fund.rule.${f.rule}`, {
              min: pct(f.params?.minBps),
              actual: pct(f.params?.actualBps),
              max: f.rule === 'grant_cap' ? Number(f.params?.maxMinor) / 100 : pct(f.params?.maxBps),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The founder's application: the round's investors as rows (add, remove, one marked lead), each
 * row showing the server's problem for its investor and amount, then the round and documents.
 */
export function Apply({
  startups,
  refresh,
}: {
  startups: { id: string; name: string }[];
  refresh: unknown[];
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const investors = useQuery({
    queryKey: ['fund-investors'],
    queryFn: () => unwrap(api.GET('/api/v1/fund/investors')),
  });
  const rules = useQuery({ queryKey: ['fund-rules'], queryFn: () => unwrap(api.GET('/api/v1/fund/rules')) });
  const [next, setNext] = useState(1);
  const [rows, setRows] = useState<Row[]>([{ key: 0, investorId: '', amount: '' }]);
  const [lead, setLead] = useState(0);
  const [v, setV] = useState({ startupId: '', currency: 'USD', round: '', requested: '', term: '', sub: '' });
  const send = useMutation({
    mutationFn: () => {
      const leadRow = rows.find((r) => r.key === lead) ?? rows[0];
      const first = investors.data?.[0]?.id ?? '';
      return unwrap(
        api.POST('/api/v1/fund/grants', {
          body: {
            startupId: v.startupId || (startups[0]?.id ?? ''),
            leadInvestorId: leadRow?.investorId || first,
            currency: v.currency as (typeof CURRENCIES)[number],
            roundMinor: toMinor(v.round),
            requestedMinor: toMinor(v.requested),
            investors: rows.map((r) => ({
              investorId: r.investorId || first,
              amountMinor: toMinor(r.amount),
            })),
            documents: [
              { kind: 'term_sheet', reference: v.term },
              { kind: 'subscription_agreement', reference: v.sub },
            ],
          },
        }),
      );
    },
    onSuccess: () => {
      setRows([{ key: next, investorId: '', amount: '' }]);
      setLead(next);
      setNext(next + 1);
      setV((o) => ({ ...o, round: '', requested: '', term: '', sub: '' }));
      void qc.invalidateQueries({ queryKey: refresh });
    },
  });
  if (!investors.data) return <Loading />;
  const r = rules.data?.[0];
  const err = send.error;
  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((old) => old.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const text = (id: keyof typeof v, path: string, label: string) => (
    <TextField
      id={`fund-apply-form-${path.replaceAll('.', '-')}`}
      label={label}
      error={fieldError(err, path)}
      value={v[id]}
      onChange={(e) => setV((o) => ({ ...o, [id]: e.target.value }))}
    />
  );
  return (
    <section aria-labelledby="fund-apply">
      <h2 id="fund-apply">{t('fund.apply')}</h2>
      {r ? (
        <p className="field-hint">
          {t('fund.rules', {
            d: r.effectiveFrom,
            cap: r.maxGrantMinor / 100,
            share: r.maxGrantShareBps / 100,
            foreign: r.minForeignShareBps / 100,
          })}
        </p>
      ) : null}
      <Refusals error={err} />
      <form className="fund-form" onSubmit={onSubmit} noValidate data-testid="fund-apply-form">
        <FormAlert error={err} />
        <SelectField
          id="fund-apply-form-startupId"
          label={t('fund.startup')}
          error={fieldError(err, 'startupId')}
          value={v.startupId || startups[0]?.id}
          onChange={(e) => setV((o) => ({ ...o, startupId: e.target.value }))}
        >
          {startups.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="fund-apply-form-currency"
          label={t('fund.currency')}
          error={fieldError(err, 'currency')}
          value={v.currency}
          onChange={(e) => setV((o) => ({ ...o, currency: e.target.value }))}
        >
          {CURRENCIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <fieldset className="fund-rows" data-testid="fund-apply-investors">
          <legend>{t('fund.rows.title')}</legend>
          <FieldIssue text={fieldError(err, 'leadInvestorId') ?? fieldError(err, 'investors')} />
          {rows.map((row, i) => (
            <div key={row.key} className="fund-row" data-testid="fund-apply-investor-row">
              <SelectField
                id={`fund-apply-form-investors-${i}-investorId`}
                label={`${t('fund.rows.row', { n: i + 1 })} · ${t('fund.rows.investor')}`}
                error={fieldError(err, `investors.${i}.investorId`)}
                value={row.investorId || investors.data[0]?.id}
                onChange={(e) => setRow(row.key, { investorId: e.target.value })}
              >
                {investors.data.map((x) => (
                  <option key={x.id} value={x.id}>
                    {`${x.name} (${x.jurisdiction}) · ${t(`fund.investorStatus.${x.status}`)}`}
                  </option>
                ))}
              </SelectField>
              <TextField
                id={`fund-apply-form-investors-${i}-amountMinor`}
                label={t('fund.rows.amount', { currency: v.currency })}
                error={fieldError(err, `investors.${i}.amountMinor`)}
                inputMode="decimal"
                value={row.amount}
                onChange={(e) => setRow(row.key, { amount: e.target.value })}
              />
              <label className="checkbox">
                <input
                  type="radio"
                  name="fund-apply-lead"
                  checked={lead === row.key}
                  onChange={() => setLead(row.key)}
                />{' '}
                {t('fund.rows.lead')}
              </label>
              {rows.length > 1 ? (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    setRows((old) => old.filter((x) => x.key !== row.key));
                    if (lead === row.key) setLead(rows.find((x) => x.key !== row.key)?.key ?? 0);
                  }}
                >
                  {`${t('fund.rows.remove')} (${t('fund.rows.row', { n: i + 1 })})`}
                </button>
              ) : null}
            </div>
          ))}
          <button
            type="button"
            className="btn"
            disabled={rows.length >= 30}
            onClick={() => {
              setRows((old) => [...old, { key: next, investorId: '', amount: '' }]);
              setNext(next + 1);
            }}
          >
            {t('fund.rows.add')}
          </button>
        </fieldset>
        {text('round', 'roundMinor', t('fund.roundUsd'))}
        {text('requested', 'requestedMinor', t('fund.requestedUsd'))}
        {text('term', 'documents.0.reference', t('fund.termSheet'))}
        {text('sub', 'documents.1.reference', t('fund.subscription'))}
        <div>
          <button type="submit" className="btn btn--primary" disabled={send.isPending}>
            {t('fund.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function FieldIssue({ text }: { text: string | undefined }) {
  return text ? (
    <p className="field-error" role="alert">
      {text}
    </p>
  ) : null;
}
