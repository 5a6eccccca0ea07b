import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import type { Loan } from './lib';
import { todayInKarachi } from './money';
import './corrections.i18n';

function yesterday(): string {
  const d = new Date(`${todayInKarachi()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The borrower's period statement on screen, with PDF (English, Urdu) and CSV downloads. */
export function LoanStatement({ loan }: { loan: Loan }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [from, setFrom] = useState(loan.firstDisbursedOn ?? yesterday());
  const [to, setTo] = useState(yesterday());
  const [asked, setAsked] = useState({ from, to });
  const statement = useQuery({
    queryKey: ['loan-statement', loan.id, asked.from, asked.to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/loans/{id}/statement', {
          params: { path: { id: loan.id }, query: { from: asked.from, to: asked.to, lang: 'en' } },
        }),
      ),
    enabled: !!loan.firstDisbursedOn,
  });
  if (!loan.firstDisbursedOn) return null;
  const q = `from=${asked.from}&to=${asked.to}`;
  const s = statement.data;
  const totals: [string, number][] = s
    ? [
        [t('loans.statement.opening'), s.openingMinor],
        [t('loans.statement.disbursed'), s.disbursedMinor],
        [t('loans.statement.repaid'), s.repaidMinor],
        [t('loans.statement.closing'), s.closingMinor],
        [t('loans.statement.arrears'), s.arrearsMinor],
        [t('loans.statement.subsidy'), s.subsidyAccruedMinor],
        [t('loans.statement.adjusted'), s.subsidyAdjustedMinor],
      ]
    : [];
  return (
    <section aria-labelledby="loan-statement" className="card">
      <h2 id="loan-statement">{t('loans.statement.title')}</h2>
      <p>{t('loans.statement.intro')}</p>
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setAsked({ from, to });
        }}
        noValidate
      >
        <TextField
          id="statement-from"
          type="date"
          label={t('loans.statement.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={fieldError(statement.error, 'from')}
        />
        <TextField
          id="statement-to"
          type="date"
          label={t('loans.statement.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError(statement.error, 'to')}
        />
        <button type="submit" className="btn">
          {t('loans.statement.show')}
        </button>
      </form>
      <FormAlert error={statement.error} />
      <p className="actions">
        <a href={`/api/v1/loans/${loan.id}/statement.pdf?${q}&lang=en`}>{t('loans.statement.pdfEn')}</a>
        {' · '}
        <a href={`/api/v1/loans/${loan.id}/statement.pdf?${q}&lang=ur`} lang="ur">
          {t('loans.statement.pdfUr')}
        </a>
        {' · '}
        <a href={`/api/v1/loans/${loan.id}/statement.csv?${q}`} download>
          {t('loans.statement.csv')}
        </a>
      </p>
      {s ? (
        <>
          <dl className="facts">
            {totals.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{fmt.pkr(v)}</dd>
              </div>
            ))}
          </dl>
          <ScrollTable label={t('loans.statement.title')}>
            <thead>
              <tr>
                <th scope="col">{t('loans.statement.colValue')}</th>
                <th scope="col">{t('loans.statement.colPosted')}</th>
                <th scope="col">{t('loans.statement.colEntry')}</th>
                <th scope="col">{t('loans.statement.colDebit')}</th>
                <th scope="col">{t('loans.statement.colCredit')}</th>
                <th scope="col">{t('loans.statement.colBalance')}</th>
              </tr>
            </thead>
            <tbody>
              {s.lines.map((l) => (
                <tr key={`${l.valueDate}-${l.postedOn}-${l.kind}-${l.reference}-${l.balanceMinor}`}>
                  <td>{fmt.date(l.valueDate)}</td>
                  <td>{fmt.date(l.postedOn)}</td>
                  <td>
                    {t(`loans.statement.kind.${l.kind}`)}{' '}
                    {l.reference ? <span dir="ltr">{l.reference}</span> : null}
                  </td>
                  <td>{l.debitMinor ? fmt.pkr(l.debitMinor) : ''}</td>
                  <td>{l.creditMinor ? fmt.pkr(l.creditMinor) : ''}</td>
                  <td>{fmt.pkr(l.balanceMinor)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      ) : null}
    </section>
  );
}

/** Notes on the loan for its bank and the programme (the owner does not see this section). */
export function LoanNotes({ loan, canWrite }: { loan: Loan; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [body, setBody] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const [added, setAdded] = useState(false);
  const notes = useQuery({
    queryKey: ['loan-notes', loan.id],
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}/notes', { params: { path: { id: loan.id } } })),
  });
  const add = useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST('/api/v1/loans/{id}/notes', { params: { path: { id: loan.id } }, body: { body: text } }),
      ),
    onSuccess: async () => {
      setBody('');
      setAdded(true);
      await qc.invalidateQueries({ queryKey: ['loan-notes', loan.id] });
    },
  });
  return (
    <section aria-labelledby="loan-notes" className="card">
      <h2 id="loan-notes">{t('loans.notes.title')}</h2>
      <p>{t('loans.notes.intro')}</p>
      {added ? <Notice kind="success">{t('loans.notes.added')}</Notice> : null}
      {canWrite ? (
        <form
          className="form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            setAdded(false);
            if (!body.trim()) return setLocal(t('loans.notes.empty'));
            setLocal(undefined);
            add.mutate(body.trim());
          }}
        >
          <FormAlert error={add.error} />
          <TextField
            id="note-body"
            label={t('loans.notes.body')}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={local ?? fieldError(add.error, 'body')}
            maxLength={4000}
          />
          <button type="submit" className="btn" disabled={add.isPending}>
            {t('loans.notes.add')}
          </button>
        </form>
      ) : null}
      <FormAlert error={notes.error} />
      {notes.data?.length === 0 ? <p>{t('loans.notes.none')}</p> : null}
      <ul className="plain-list">
        {notes.data?.map((n) => (
          <li key={n.id}>
            <p>{n.body}</p>
            <small>{t('loans.notes.by', { who: n.authorName, date: fmt.date(n.createdAt) })}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}
