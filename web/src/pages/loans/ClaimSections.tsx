import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField } from '../../components/Field';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { type Claim, claimReasonText } from './claims-lib';
import './loans.i18n';

export type Outcome = Claim['lines'][number]['outcome'];
export const claimKey = (id: string) => ['loan-claims', id] as const;

export function Totals({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows: [string, string][] = [
    [t('loans.claims.colStatus'), t(`loans.claims.status.${claim.status}`)],
    [t('loans.claims.detail.dueBy'), fmt.date(claim.dueBy)],
    [
      t('loans.claims.detail.filedAt'),
      `${fmt.date(claim.filedAt)}${claim.filedLate ? ` (${t('loans.claims.detail.filedLate')})` : ''}`,
    ],
    [
      t('loans.claims.detail.counts'),
      t('loans.claims.detail.countsValue', {
        matched: fmt.number(claim.counts.matched),
        differing: fmt.number(claim.counts.differing),
        ineligible: fmt.number(claim.counts.ineligible),
      }),
    ],
    [t('loans.claims.colClaimed'), fmt.pkr(claim.claimedMinor)],
    [t('loans.claims.colComputed'), fmt.pkr(claim.computedMinor)],
    [t('loans.claims.colApproved'), claim.approvedMinor === null ? '—' : fmt.pkr(claim.approvedMinor)],
    [
      t('loans.claims.colClawback'),
      fmt.pkr(
        claim.status === 'paid'
          ? claim.clawbackMinor
          : claim.deductions.reduce((s, k) => s + k.amountMinor, 0),
      ),
    ],
    [t('loans.claims.colPaid'), fmt.pkr(claim.paidMinor)],
  ];
  if (claim.payableMinor !== null && claim.status !== 'paid')
    rows.push([t('loans.claims.detail.payable'), fmt.pkr(claim.payableMinor)]);
  if (claim.paidOn) rows.push([t('loans.claims.detail.paidOn'), fmt.date(claim.paidOn)]);
  if (claim.decisionNote) rows.push([t('loans.claims.detail.note'), claim.decisionNote]);
  return (
    <section aria-labelledby="claim-totals">
      <h2 id="claim-totals">{t('loans.claims.detail.totals')}</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** A line's or clawback's reason in the reader's language (English only when it has no code). */
function Reason({ of }: { of: Parameters<typeof claimReasonText>[0] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const shown = claimReasonText(of, t, fmt.date);
  if (!shown) return null;
  if (!shown.lang) return shown.text;
  return (
    <span lang={shown.lang} dir="ltr">
      {shown.text}
    </span>
  );
}

export function Lines({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [show, setShow] = useState<'all' | Outcome>(claim.counts.differing ? 'differing' : 'all');
  const lines = show === 'all' ? claim.lines : claim.lines.filter((l) => l.outcome === show);
  return (
    <section aria-labelledby="claim-lines">
      <h2 id="claim-lines">{t('loans.claims.detail.lines')}</h2>
      <SelectField
        id="show"
        label={t('loans.claims.detail.show')}
        value={show}
        onChange={(e) => setShow(e.target.value as 'all' | Outcome)}
      >
        <option value="all">
          {t('loans.claims.detail.all')} ({fmt.number(claim.lines.length)})
        </option>
        {(['matched', 'differing', 'ineligible'] as const).map((o) => (
          <option key={o} value={o}>
            {t(`loans.claims.detail.outcome.${o}`)} ({fmt.number(claim.counts[o])})
          </option>
        ))}
      </SelectField>
      {lines.length === 0 ? (
        <p>{t('loans.claims.detail.noLines')}</p>
      ) : (
        <ScrollTable label={t('loans.claims.detail.lines')}>
          <thead>
            <tr>
              <th scope="col">{t('loans.claims.detail.colLine')}</th>
              <th scope="col">{t('loans.claims.detail.colLoan')}</th>
              <th scope="col">{t('loans.claims.detail.colOutcome')}</th>
              <th scope="col">{t('loans.claims.colClaimed')}</th>
              <th scope="col">{t('loans.claims.colComputed')}</th>
              <th scope="col">{t('loans.claims.detail.colDifference')}</th>
              <th scope="col">{t('loans.claims.detail.colReason')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.lineNo}>
                <th scope="row">{fmt.number(l.lineNo)}</th>
                <td>
                  <Link to={`/loans/${l.loanId}`} dir="ltr">
                    {l.loanId.slice(0, 8)}
                  </Link>
                </td>
                <td>{t(`loans.claims.detail.outcome.${l.outcome}`)}</td>
                <td>{fmt.pkr(l.claimedMinor)}</td>
                <td>{fmt.pkr(l.computedMinor)}</td>
                <td>{l.differenceMinor === 0 ? '—' : fmt.pkr(l.differenceMinor)}</td>
                <td>
                  <Reason of={l} />
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}

export function Clawbacks({
  id,
  title,
  list,
  pending,
}: {
  id: string;
  title: string;
  list: Claim['deductions'];
  pending: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (list.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ScrollTable label={title}>
        <thead>
          <tr>
            <th scope="col">{t('loans.claims.detail.colLoan')}</th>
            <th scope="col">{t('loans.claims.detail.colFromQuarter')}</th>
            <th scope="col">{t('loans.claims.detail.colFrom')}</th>
            <th scope="col">{t('loans.claims.detail.colDetected')}</th>
            <th scope="col">{t('loans.claims.colClawback')}</th>
            <th scope="col">{t('loans.claims.detail.colReason')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((k) => (
            <tr key={k.id}>
              <th scope="row">
                <Link to={`/loans/${k.loanId}`} dir="ltr">
                  {k.loanId.slice(0, 8)}
                </Link>
              </th>
              <td dir="ltr">{k.quarter}</td>
              <td>{fmt.date(k.ineligibleFrom)}</td>
              <td>{fmt.date(k.detectedOn)}</td>
              <td>
                {fmt.pkr(k.amountMinor)}
                {pending && !k.appliedClaimId ? ` (${t('loans.claims.detail.pending')})` : ''}
              </td>
              <td>
                <Reason of={k} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
