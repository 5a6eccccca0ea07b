import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { Answer, cents, Escalate, Resolve } from './DisputeActions';
import { useUsd } from './lib';
import { type Purpose, PurposeSelect } from './PurposeSelect';

type Month = components['schemas']['RemittanceMonth'];
const KEY = ['remittances', 'disputes'];

/** The disputes; staff only once they have said why (`purpose`), which each person shown sees. */
function useDisputes(staff: boolean, purpose: Purpose | null) {
  return useQuery({
    queryKey: [...KEY, purpose],
    enabled: !staff || purpose !== null,
    retry: false,
    queryFn: () =>
      unwrap(api.GET('/api/v1/remittances/disputes', { params: { query: purpose ? { purpose } : {} } })),
  });
}

/** Staff choose their purpose before individuals' disputed figures are shown. */
function StaffPurpose({ onAsk, error }: { onAsk: (p: Purpose) => void; error: unknown }) {
  const { t } = useTranslation();
  const [purpose, setPurpose] = useState<Purpose | ''>('');
  return (
    <form
      className="remit-filters"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (purpose) onAsk(purpose);
      }}
    >
      <PurposeSelect
        id="dispute-purpose"
        value={purpose}
        onChange={setPurpose}
        error={fieldError(error, 'purpose')}
      />
      <button type="submit" className="btn btn--primary" disabled={!purpose}>
        {t('remit.show')}
      </button>
    </form>
  );
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
  const [purpose, setPurpose] = useState<Purpose | null>(null);
  const list = useDisputes(side === 'staff', purpose);
  return (
    <section aria-labelledby={`remit-disputes-${side}`}>
      <h2 id={`remit-disputes-${side}`}>{t('remit.disputes')}</h2>
      {side === 'staff' ? (
        <p>
          {t('remit.disputesOpen', {
            n: fmt.number(list.data?.filter((d) => d.status === 'open').length ?? 0),
          })}{' '}
          {t('remit.disputesEscalated', {
            n: fmt.number(list.data?.filter((d) => d.status === 'escalated').length ?? 0),
          })}
        </p>
      ) : null}
      {side === 'staff' ? <p>{t('remit.disputesPurpose')}</p> : null}
      {side === 'staff' ? <StaffPurpose onAsk={setPurpose} error={list.error} /> : null}
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
                  {d.answerText && d.answerText !== d.resolutionText ? (
                    <p className="remit-wrap">{d.answerText}</p>
                  ) : null}
                  {d.escalationText ? (
                    <p className="remit-wrap">{t('remit.escalatedBecause', { text: d.escalationText })}</p>
                  ) : null}
                  {d.resolutionText ? (
                    <p className="remit-wrap">{t('remit.staffNote', { text: d.resolutionText })}</p>
                  ) : null}
                  {side === 'bank' && d.status === 'open' ? <Answer d={d} /> : null}
                  {side === 'freelancer' && d.status === 'confirmed' ? <Escalate d={d} /> : null}
                  {canResolve && (d.status === 'open' || d.status === 'escalated') ? <Resolve d={d} /> : null}
                </td>
                <td className="num" data-label={t('remit.age')}>
                  {t('remit.days', { n: fmt.number(d.ageDays) })}
                  {side !== 'freelancer' && d.reminders > 0 && d.lastRemindedAt ? (
                    <p className="field-hint" data-reminders={d.reminders}>
                      {t('remit.reminders', {
                        count: d.reminders,
                        n: fmt.number(d.reminders),
                        date: fmt.date(d.lastRemindedAt),
                      })}
                    </p>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </section>
  );
}
