import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import i18n from '../../i18n';
import './centre-photos.i18n';
import './bookings.css';

/** A photo's description in the reader's language (staff write both when they publish it). */
export const photoAlt = (p: { altEn: string | null; altUr: string | null }): string | null =>
  (i18n.language === 'ur' ? p.altUr : p.altEn) ?? null;

/**
 * The centre's public photos (decision 0072): only those staff published, each at most 400 KB,
 * loaded as the reader scrolls to them; nothing shows while there are none.
 */
export function PublicCentrePhotos({ centreId }: { centreId: string }) {
  const { t } = useTranslation();
  const photos = useQuery({
    queryKey: ['centre-photos', centreId],
    queryFn: () => unwrap(api.GET('/api/v1/centers/{id}/photos', { params: { path: { id: centreId } } })),
  });
  if (!photos.data?.length) return null;
  return (
    <section aria-labelledby="photos-h">
      <h2 id="photos-h">{t('bk.pub.photos')}</h2>
      <ul className="centre-photos">
        {photos.data.map((p) => (
          <li key={p.id}>
            <img
              src={`/api/v1/centers/${centreId}/photos/${p.id}`}
              alt={photoAlt(p) ?? ''}
              loading="lazy"
              decoding="async"
              width={480}
              height={320}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
