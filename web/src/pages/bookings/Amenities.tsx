import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import type { CenterSummary } from './lib';

/** A centre's amenities as short badges: what a freelancer checks before walking in. */
export function AmenityBadges({ a }: { a: CenterSummary['amenities'] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items: string[] = [];
  if (a.internetMbps !== null) items.push(t('bk.amenity.internet', { mbps: fmt.number(a.internetMbps) }));
  if (a.backupPowerHours !== null && a.backupPowerHours > 0)
    items.push(t('bk.amenity.backupHours', { hours: fmt.number(a.backupPowerHours) }));
  if (a.hasUps) items.push(t('bk.amenity.ups'));
  if (a.womenOnlyArea) items.push(t('bk.amenity.womenOnlyArea'));
  if (a.prayerArea) items.push(t('bk.amenity.prayerArea'));
  if (a.parking) items.push(t('bk.amenity.parking'));
  if (a.accessible) items.push(t('bk.amenity.accessible'));
  if (items.length === 0) return null;
  return (
    <ul className="amenities">
      {items.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}
