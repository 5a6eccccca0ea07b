import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { useUsd } from './lib';

type Month = components['schemas']['RemittanceMonth'];
type Dispute = components['schemas']['RemittanceDispute'];
const KEY = ['remittances', 'disputes'];

/** Dollars as typed ('1450', '1450.50') in cents, or null. */
const cents = (s: string) =>
  /^\d{1,10}(\.\d{1,2})?$/.test(s.trim()) ? Math.round(Number(s.trim()) * 100) : null;

function useDisputes() {
  return useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/remittances/disputes')) });
}

/** A freelancer disputes one bank's line in a month: the amount is wrong, or it is not theirs. */
export function DisputeLine({ m }: { m: Month }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [line, setLine] = useState(0);
  const [reason, setReason] = useState<'wrong_amount' | 'not_mine'>('wrong_amount');
  const [claimed, setClaimed] = useState('');
  const [text, setText] = useState('');
  const open = useMutation({
    mutationFn: () => {
      const b = m.banks[line]!;
      return unwrap(
        api.POST('/api/v1/remittances/disputes', {
          body: {
            bankId: b.bankId,
            month: m.month,
            purposeCode: b.purposeCode,
            reason,
            claimedUsdMinor: reason === 'wrong_amount' ? cents(claimed) : null,
            text,
          },
        }),
      );
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate();
  };
  const id = (f: string) => `dispute-${m.month}-${f}`;
  return (
    <details className="remit-explain">
      <summary>{t('remit.dispute')}</summary>
      {open.data ? (
        <p role="status">{t('remit.disputeSent')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormAlert error={open.error} />
          {m.banks.length > 1 ? (
            <SelectField
              id={id('line')}
              label={t('remit.bank')}
              value={String(line)}
              onChange={(e) => setLine(Number(e.target.value))}
            >
              {m.banks.map((b, i) => (
                <option key={`${b.bankId}-${b.purposeCode}`} value={i}>
                  {b.bankCode} {b.purposeCode}
                </option>
              ))}
            </SelectField>
          ) : null}
          <SelectField
            id={id('reason')}
            label={t('remit.disputeReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value as typeof reason)}
          >
            <option value="wrong_amount">{t('remit.reason.wrong_amount')}</option>
            <option value="not_mine">{t('remit.reason.not_mine')}</option>
          </SelectField>
          {reason === 'wrong_amount' ? (
            <TextField
              id={id('claimed')}
              label={t('remit.claimed')}
              inputMode="decimal"
              dir="ltr"
              value={claimed}
              onChange={(e) => setClaimed(e.target.value)}
              error={fieldError(open.error, 'claimedUsdMinor')}
            />
          ) : null}
          <TextField
            id={id('text')}
            label={t('remit.disputeText')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={fieldError(open.error, 'text') ?? fieldError(open.error, 'month')}
          />
          <button type="submit" className="btn" disabled={open.isPending}>
            {t('remit.disputeSave')}
          </button>
        </form>
      )}
    </details>
  );
}

function Answer({ d }: { d: Dispute }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<'confirm' | 'correct'>('confirm');
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const answer = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/remittances/disputes/{id}/answer', {
          params: { path: { id: d.id } },
          body: { decision, correctedUsdMinor: decision === 'correct' ? cents(amount) : null, text },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['remittances'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answer.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="remit-answer">
      <FormAlert error={answer.error} />
      <SelectField
        id={`answer-${d.id}`}
        label={t('remit.answer')}
        value={decision}
        onChange={(e) => setDecision(e.target.value as typeof decision)}
      >
        <option value="confirm">{t('remit.decision.confirm')}</option>
        <option value="correct">{t('remit.decision.correct')}</option>
      </SelectField>
      {decision === 'correct' ? (
        <TextField
          id={`amount-${d.id}`}
          label={t('remit.corrected')}
          inputMode="decimal"
          dir="ltr"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={fieldError(answer.error, 'correctedUsdMinor')}
        />
      ) : null}
      <TextField
        id={`answerText-${d.id}`}
        label={t('remit.answerText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={fieldError(answer.error, 'text')}
      />
      <button type="submit" className="btn btn--primary" disabled={answer.isPending}>
        {t('remit.answerSave')}
      </button>
    </form>
  );
}

/** Staff close a dispute the bank leaves unanswered, with a note both sides read. */
function Resolve({ d }: { d: Dispute }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const resolve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/remittances/disputes/{id}/resolve', {
          params: { path: { id: d.id } },
          body: { text },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['remittances'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate();
  };
  return (
    <details className="remit-explain">
      <summary>{t('remit.resolve')}</summary>
      <form onSubmit={submit} noValidate className="remit-answer">
        <FormAlert error={resolve.error} />
        <TextField
          id={`resolveText-${d.id}`}
          label={t('remit.resolveText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError(resolve.error, 'text')}
        />
        <button type="submit" className="btn" disabled={resolve.isPending}>
          {t('remit.resolveSave')}
        </button>
      </form>
    </details>
  );
}

/** Disputes as each side sees them: the freelancer's own, a bank's (with the answer form), or all (staff). */
export function DisputesList({
  side,
  canResolve = false,
}: {
  side: 'freelancer' | 'bank' | 'staff';
  canResolve?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const usd = useUsd();
  const list = useDisputes();
  return (
    <section aria-labelledby={`remit-disputes-${side}`}>
      <h2 id={`remit-disputes-${side}`}>{t('remit.disputes')}</h2>
      {side === 'staff' ? (
        <p>
          {t('remit.disputesOpen', {
            n: fmt.number(list.data?.filter((d) => d.status === 'open').length ?? 0),
          })}
        </p>
      ) : null}
      <FormAlert error={list.error} />
      {list.data?.length === 0 ? <p>{t('remit.noDisputes')}</p> : null}
      {list.data?.length ? (
        <ScrollTable label={t('remit.disputes')} stack>
          <thead>
            <tr>
              <th scope="col">{t('remit.month')}</th>
              <th scope="col">{t('remit.bank')}</th>
              <th scope="col">{t('remit.disputeReason')}</th>
              <th scope="col">{t('remit.attested')}</th>
              <th scope="col">{t('remit.status')}</th>
              <th scope="col">{t('remit.age')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.id} data-dispute={d.status}>
                <th scope="row" data-label={t('remit.month')}>
                  <span dir="ltr">{d.month}</span>
                </th>
                <td data-label={t('remit.bank')}>
                  {d.bankCode}{' '}
                  <span className="field-hint" dir="ltr">
                    {d.account}
                  </span>
                </td>
                <td data-label={t('remit.disputeReason')}>
                  {t(`remit.reason.${d.reason}`)}
                  {d.claimedUsdMinor !== null ? ` (${usd(d.claimedUsdMinor)})` : ''}
                  <p className="remit-wrap">{d.text}</p>
                </td>
                <td className="num" data-label={t('remit.attested')}>
                  {usd(d.attestedUsdMinor)}
                  {d.correctedUsdMinor !== null ? ` → ${usd(d.correctedUsdMinor)}` : ''}
                </td>
                <td data-label={t('remit.status')}>
                  {t(`remit.disputeStatus.${d.status}`)}
                  {d.answerText ? <p className="remit-wrap">{d.answerText}</p> : null}
                  {side === 'bank' && d.status === 'open' ? <Answer d={d} /> : null}
                  {canResolve && d.status === 'open' ? <Resolve d={d} /> : null}
                </td>
                <td className="num" data-label={t('remit.age')}>
                  {t('remit.days', { n: fmt.number(d.ageDays) })}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}
