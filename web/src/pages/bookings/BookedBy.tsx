import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { formatMobile } from '../../lib/format';
import '../data-access/data-access.i18n';
import './booker-mobile.i18n';
import type { CentreBooking } from './lib';

/** Why the desk opens a number: the refunds panel to pay back, the day's table to help. */
export type DeskPurpose = components['schemas']['BookerMobileInput']['purpose'];

/**
 * Who booked, on the front desk's lists: the name, then the mobile masked as the server sends it.
 * "Show number" opens the full number for this one booking, with the panel's purpose (recorded and
 * shown to the booker), and turns it into a link that dials it. The number stays left to right in
 * Urdu; a name in either script keeps its own direction.
 */
export function BookedBy({
  booker,
  centreId,
  bookingId,
  purpose,
}: {
  booker: CentreBooking['booker'];
  centreId: string;
  bookingId: string;
  purpose: DeskPurpose;
}) {
  const { t } = useTranslation();
  // The auditor reads the masked lists; opening a number is the desk's and staff's (the API agrees).
  const mayOpen = useMe().data?.role !== 'auditor';
  const reveal = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/bookings/{bookingId}/booker-mobile', {
          params: { path: { id: centreId, bookingId } },
          body: { purpose },
        }),
      ),
  });
  const full = reveal.data?.mobile;
  const why = t(`dataAccess.purposes.${purpose}`);
  return (
    <>
      <span className="booked-by">
        <bdi>{booker.name}</bdi>
        {full ? (
          <>
            {' '}
            <a href={`tel:${full}`} dir="ltr">
              {formatMobile(full)}
            </a>
          </>
        ) : booker.mobile ? (
          <>
            {' '}
            <span dir="ltr">{booker.mobile}</span>{' '}
            {mayOpen ? (
              <button
                type="button"
                className="btn btn--small"
                aria-label={t('bkMobile.showFor', { name: booker.name })}
                title={t('bkMobile.recorded', { name: booker.name, purpose: why })}
                onClick={() => reveal.mutate()}
                disabled={reveal.isPending || reveal.isSuccess}
              >
                {t('bkMobile.show')}
              </button>
            ) : null}
          </>
        ) : null}
        {reveal.isSuccess && !full ? <span className="muted"> {t('bkMobile.none')}</span> : null}
      </span>
      <FormAlert error={reveal.error} />
    </>
  );
}
