import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { ClaimAdjustments } from './ClaimParts';
import { CLAIMS_KEY, type Claim } from './claims-lib';
import { useIdempotencyKey } from './lib';
import { paisaToInput, rupeesToPaisa, todayInKarachi } from './money';
import './loans.i18n';
import { Clawbacks, claimKey, Lines, Totals } from './ClaimSections';

function DecideForm({ claim, done }: { claim: Claim; done: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<'approve' | 'partly_approve' | 'dispute'>('approve');
  const [amount, setAmount] = useState(paisaToInput(Math.min(claim.computedMinor, claim.claimedMinor)));
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const decide = useMutation({
    mutationFn: (body: { decision: typeof decision; approvedMinor?: number; note: string }) =>
      unwrap(api.POST('/api/v1/loans/claims/{id}/decision', { params: { path: { id: claim.id } }, body })),
    onSuccess: (c) => {
      qc.setQueryData(claimKey(c.id), c);
      void qc.invalidateQueries({ queryKey: CLAIMS_KEY });
      done(t('loans.claims.decide.done'));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const approvedMinor = decision === 'partly_approve' ? rupeesToPaisa(amount) : undefined;
    if (decision === 'partly_approve' && approvedMinor === null)
      problems.approvedMinor = t('loans.badAmount');
    if (decision !== 'approve' && !note.trim()) problems.note = t('loans.required');
    setLocal(problems);
    if (Object.keys(problems).length) return;
    decide.mutate({ decision, note: note.trim(), ...(approvedMinor ? { approvedMinor } : {}) });
  }
  const err = (p: string) => local[p] ?? fieldError(decide.error, p);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="decide-title">
      <h2 id="decide-title">{t('loans.claims.decide.title')}</h2>
      <FormAlert error={decide.error} />
      <SelectField
        id="decision"
        label={t('loans.claims.decide.decision')}
        value={decision}
        onChange={(e) => setDecision(e.target.value as typeof decision)}
      >
        <option value="approve">{t('loans.claims.decide.approve')}</option>
        <option value="partly_approve">{t('loans.claims.decide.partly')}</option>
        <option value="dispute">{t('loans.claims.decide.dispute')}</option>
      </SelectField>
      {decision === 'partly_approve' ? (
        <TextField
          id="approvedMinor"
          label={t('loans.claims.decide.amount')}
          inputMode="decimal"
          dir="ltr"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={err('approvedMinor')}
        />
      ) : null}
      <TextField
        id="note"
        label={t('loans.claims.decide.note')}
        hint={t('loans.claims.decide.noteHint')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={err('note')}
      />
      <button type="submit" className="btn btn--primary" disabled={decide.isPending}>
        {t('loans.claims.decide.submit')}
      </button>
    </form>
  );
}

function PayForm({ claim, done }: { claim: Claim; done: (m: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const due = claim.payableMinor ?? 0;
  const [date, setDate] = useState(todayInKarachi());
  const [amount, setAmount] = useState(paisaToInput(due));
  const [reference, setReference] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const pay = useMutation({
    mutationFn: (body: { paidOn: string; amountMinor: number; reference: string }) =>
      unwrap(
        api.POST('/api/v1/loans/claims/{id}/payment', {
          params: { path: { id: claim.id }, header: { 'idempotency-key': idem.keyFor(body) } },
          body,
        }),
      ),
    onSuccess: (c) => {
      idem.done();
      qc.setQueryData(claimKey(c.id), c);
      void qc.invalidateQueries({ queryKey: CLAIMS_KEY });
      void qc.invalidateQueries({ queryKey: ['loan-subsidy'] });
      done(t('loans.claims.pay.done'));
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    // Zero is a valid payment when clawbacks take the whole approved amount.
    const amountMinor = amount.trim() === '0' ? 0 : rupeesToPaisa(amount);
    if (amountMinor === null) problems.amountMinor = t('loans.badAmount');
    if (!date) problems.paidOn = t('loans.required');
    if (!reference.trim()) problems.reference = t('loans.required');
    setLocal(problems);
    if (amountMinor === null || Object.keys(problems).length) return;
    pay.mutate({ paidOn: date, amountMinor, reference: reference.trim() });
  }
  const err = (p: string) => local[p] ?? fieldError(pay.error, p);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="pay-title">
      <h2 id="pay-title">{t('loans.claims.pay.title')}</h2>
      <FormAlert error={pay.error} />
      <TextField
        id="paidOn"
        type="date"
        label={t('loans.claims.pay.date')}
        value={date}
        onChange={(e) => setDate(e.target.value)}
        error={err('paidOn')}
      />
      <TextField
        id="amountMinor"
        label={t('loans.claims.pay.amount')}
        hint={t('loans.claims.pay.amountHint', { amount: fmt.pkr(due) })}
        inputMode="decimal"
        dir="ltr"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={err('amountMinor')}
      />
      <TextField
        id="reference"
        label={t('loans.claims.pay.reference')}
        dir="ltr"
        value={reference}
        onChange={(e) => setReference(e.target.value)}
        error={err('reference')}
      />
      <button type="submit" className="btn btn--primary" disabled={pay.isPending}>
        {t('loans.claims.pay.submit')}
      </button>
    </form>
  );
}

export default function ClaimPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const location = useLocation();
  const [message, setMessage] = useState<string | null>(
    (location.state as { filed?: boolean } | null)?.filed ? t('loans.claims.file.done') : null,
  );
  const claim = useQuery({
    queryKey: claimKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/loans/claims/{id}/detail', { params: { path: { id } } })),
  });
  const c = claim.data;
  const isAdmin = me.data?.role === 'program_admin';
  return (
    <Page
      title={
        c
          ? // The quarter isolated left-to-right, so an Urdu title does not reorder 2026-Q3.
            t('loans.claims.detail.title', { bank: c.bankCode, quarter: `\u2066${c.quarter}\u2069` })
          : t('loans.claims.title')
      }
      wide
    >
      <p>
        <Link to="/loans/claims">{t('loans.claims.detail.back')}</Link>
      </p>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {claim.isPending ? (
        <Loading />
      ) : claim.isError ? (
        <FormAlert error={claim.error} />
      ) : c ? (
        <>
          <Totals claim={c} />
          <p>
            <a href={`/api/v1/loans/claims/${c.id}/reconciliation.csv`} download>
              {t('loans.claims.detail.csv')}
            </a>
          </p>
          {isAdmin && (c.status === 'reconciled' || c.status === 'disputed') ? (
            <DecideForm claim={c} done={setMessage} />
          ) : null}
          {isAdmin && (c.status === 'approved' || c.status === 'partly_approved') ? (
            <PayForm claim={c} done={setMessage} />
          ) : null}
          <Lines claim={c} />
          <ClaimAdjustments claim={c} />
          <Clawbacks
            id="claim-deductions"
            title={t('loans.claims.detail.deductions')}
            list={c.deductions}
            pending
          />
          <Clawbacks
            id="claim-clawed"
            title={t('loans.claims.detail.clawedBack')}
            list={c.clawedBack}
            pending={false}
          />
        </>
      ) : null}
    </Page>
  );
}
