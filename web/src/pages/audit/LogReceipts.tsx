import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import './audit-log.i18n';
import { checkReceipt, receiptHolds } from './receipt-check';

type Receipt = components['schemas']['AuditReceipt'];
export type ReceiptEntity =
  | 'application'
  | 'loan'
  | 'booking'
  | 'training_enrolment'
  | 'certificate'
  | 'remittance_consent';

function Mark({ ok, children }: { ok: boolean | null; children: string }) {
  return (
    <li data-ok={ok === null ? 'unknown' : String(ok)}>
      <span aria-hidden="true">{ok === null ? '…' : ok ? '✓' : '✗'}</span> {children}
    </li>
  );
}

/** One receipt: keep it, open the public check, or check it here from the whole entry. */
function ReceiptItem({ r }: { r: Receipt }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const check = useMutation({ mutationFn: () => checkReceipt(r) });
  const c = check.data;
  return (
    <li data-seq={r.seq}>
      <p>
        <span title={r.action} data-action={r.action}>
          {t(`auditLog.actions.${r.action.replace(/\./g, '_')}`, { defaultValue: r.action })}
        </span>{' '}
        · {fmt.dateTime(r.occurredAt)} · {t('auditLog.entryN', { seq: fmt.number(r.seq) })}
      </p>
      <p className="receipt-hash">
        {t('auditLog.receipt')}:{' '}
        <code className="hash" dir="ltr">
          {r.leafHash}
        </code>
      </p>
      {r.underSignedHead ? (
        <p className="receipt-actions">
          <button
            type="button"
            className="btn"
            onClick={() => check.mutate()}
            disabled={check.isPending}
            data-testid="receipt-check"
          >
            {check.isPending ? t('auditLog.inBrowserChecking') : t('auditLog.inBrowserCheck')}
          </button>{' '}
          <Link to={`/log?leaf=${r.leafHash}`}>{t('auditLog.checkReceipt')}</Link>
        </p>
      ) : (
        <p>{t('auditLog.receiptPending')}</p>
      )}
      <FormAlert error={check.error} />
      {c ? (
        <div
          className={`alert ${receiptHolds(c) ? 'alert--success' : 'alert--error'}`}
          role="status"
          data-testid="receipt-result"
          data-ok={String(receiptHolds(c))}
        >
          <p className="alert-title">
            {receiptHolds(c) ? t('auditLog.inBrowserOk') : t('auditLog.inBrowserFailed')}
          </p>
          <ul className="plain-list" style={{ listStyle: 'none', paddingInlineStart: 0 }}>
            <Mark ok={c.leaf}>{t('auditLog.inBrowserLeaf')}</Mark>
            <Mark ok={c.path}>{t('auditLog.inBrowserPath')}</Mark>
            <Mark ok={c.signature}>
              {c.signature === null ? t('auditLog.inBrowserNoEd25519') : t('auditLog.inBrowserSignature')}
            </Mark>
          </ul>
        </div>
      ) : null}
    </li>
  );
}

const useReceipts = (entity: ReceiptEntity, entityId: string, enabled = true) =>
  useQuery({
    queryKey: ['audit-receipts', entity, entityId],
    queryFn: () => unwrap(api.GET('/api/v1/audit/receipts', { params: { query: { entity, entityId } } })),
    retry: false,
    enabled,
  });

function ReceiptList({ receipts }: { receipts: Receipt[] }) {
  return (
    <ul className="plain-list receipts">
      {receipts.map((r) => (
        <ReceiptItem key={r.seq} r={r} />
      ))}
    </ul>
  );
}

/**
 * Receipts for the log entries about the reader's own record (application, loan, booking,
 * training enrolment, certificate, earnings consent): the entry number and leaf hash to keep,
 * the public check (/log), and a check in the browser that recomputes the leaf from the whole
 * entry. Shown only to the record's owner and staff (the API refuses others; then nothing shows).
 * `compact`: a closed disclosure that loads only when opened (one per row of a list).
 */
export function LogReceipts({
  entity,
  entityId,
  compact = false,
}: {
  entity: ReceiptEntity;
  entityId: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useReceipts(entity, entityId, !compact || open);
  if (compact)
    return (
      <details
        className="receipts-disclosure"
        data-testid="log-receipts"
        onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
      >
        <summary>{t('auditLog.receiptsShow')}</summary>
        {q.data ? (
          q.data.length ? (
            <ReceiptList receipts={q.data} />
          ) : (
            <p>{t('auditLog.receiptsNone')}</p>
          )
        ) : null}
      </details>
    );
  if (!q.data || q.data.length === 0) return null;
  return (
    <section aria-labelledby={`receipts-${entityId}`} className="card" data-testid="log-receipts">
      <h2 id={`receipts-${entityId}`}>{t('auditLog.receiptsTitle')}</h2>
      <p>{t('auditLog.receiptsLead')}</p>
      <ReceiptList receipts={q.data} />
    </section>
  );
}
