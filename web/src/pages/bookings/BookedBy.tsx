import { formatMobile } from '../../lib/format';
import type { CentreBooking } from './lib';

/**
 * Who booked, on the front desk's lists: the name, then the mobile as people write it, a link that
 * dials it. The number stays left to right in Urdu; a name in either script keeps its own direction.
 */
export function BookedBy({ booker }: { booker: CentreBooking['booker'] }) {
  return (
    <span className="booked-by">
      <bdi>{booker.name}</bdi>
      {booker.mobile ? (
        <>
          {' '}
          <a href={`tel:${booker.mobile}`} dir="ltr">
            {formatMobile(booker.mobile)}
          </a>
        </>
      ) : null}
    </span>
  );
}
