import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { BookedBy } from './BookedBy';
import { timeOf } from './lib';
import './bookings.i18n';
import './manage.i18n';

/** Records a refund; the centre's refunds due and its day tables are read again. */
export function useMarkRefunded(centreId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/bookings/{id}/refunded', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: ['refunds-due', centreId] }),
        qc.invalidateQueries({ queryKey: ['centre-bookings', centreId] }),
      ]),
  });
}

/**
 * What the centre owes back, whatever the day: paid bookings that it or the programme cancelled,
 * oldest first. Shows nothing while there are none.
 */
/** "Mark refunded" for one booking, in the refunds-due panel and the front desk's day alike. */
export function MarkRefunded({
  refund,
  bookingId,
}: {
  refund: ReturnType<typeof useMarkRefunded>;
  bookingId: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="btn btn--small"
      onClick={() => refund.mutate(bookingId)}
      disabled={refund.isPending}
    >
      {t('bk.refund.mark')}
    </button>
  );
}

export function RefundsDue({ centreId }: { centreId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useQuery({
    queryKey: ['refunds-due', centreId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/centers/{id}/refunds-due', { params: { path: { id: centreId } } })),
  });
  const refund = useMarkRefunded(centreId);
  const due = list.data ?? [];
  if (due.length === 0) return <FormAlert error={list.error ?? refund.error} />;
  const title = t('bk.refund.title', { n: fmt.number(due.length) });
  return (
    <section className="card card--muted refunds-due" aria-labelledby={`refunds-${centreId}`}>
      <h3 id={`refunds-${centreId}`}>{title}</h3>
      <p>{t('bk.refund.lead')}</p>
      <FormAlert error={refund.error} />
      <ScrollTable label={title} stack>
        <thead>
          <tr>
            <th scope="col">{t('bk.mine.when')}</th>
            <th scope="col">{t('bk.book.seat')}</th>
            <th scope="col">{t('bk.owner.bookedBy')}</th>
            <th scope="col">{t('bk.refund.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {due.map((b) => (
            <tr key={b.id} data-refund-due={b.id}>
              <td data-label={t('bk.mine.when')}>
                {fmt.date(b.start)},{' '}
                <span dir="ltr">
                  {timeOf(b.start)}–{timeOf(b.end)}
                </span>
              </td>
              <td data-label={t('bk.book.seat')}>{b.seatLabel}</td>
              <td data-label={t('bk.owner.bookedBy')}>
                <BookedBy booker={b.booker} centreId={centreId} bookingId={b.id} purpose="booking_refund" />
              </td>
              <td data-label={t('bk.refund.amount')}>
                {fmt.pkr(b.price.amountMinor)} <MarkRefunded refund={refund} bookingId={b.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}
