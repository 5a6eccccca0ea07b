import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useFormat } from '../../lib/useFormat';

export type ComplaintStatus = components['schemas']['ComplaintStatus'];
export const CATEGORIES = [
  'service',
  'booking',
  'payment',
  'conduct',
  'access',
  'personal_data',
  'other',
] as const;

/** A status as a word and a colour; overdue marked beside it. */
export function StatusPill({ status, overdue }: { status: ComplaintStatus['status']; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="cp-status">
      <span className={`pill pill--${status}`}>{t(`cp.status.${status}`)}</span>
      {overdue ? <span className="pill pill--overdue">{t('cp.view.overdue')}</span> : null}
    </span>
  );
}

/** A person's complaints: reference (a link), kind, status, received. */
export function ComplaintList({ rows, empty }: { rows: readonly ComplaintStatus[]; empty: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <DataTable
      label={t('cp.mine.title')}
      rows={rows}
      rowKey={(r) => r.reference}
      empty={empty}
      columns={[
        {
          key: 'ref',
          header: t('cp.staff.reference'),
          label: t('cp.staff.reference'),
          cell: (r) => <Link to={`/complaints/${r.reference}`}>{r.reference}</Link>,
          primary: true,
        },
        {
          key: 'cat',
          header: t('cp.view.category'),
          label: t('cp.view.category'),
          cell: (r) => t(`cp.cat.${r.category}`),
        },
        {
          key: 'status',
          header: t('cp.view.status'),
          label: t('cp.view.status'),
          cell: (r) => <StatusPill status={r.status} overdue={r.overdue} />,
        },
        {
          key: 'received',
          header: t('cp.view.received'),
          label: t('cp.view.received'),
          cell: (r) => fmt.date(r.receivedAt),
        },
      ]}
    />
  );
}
