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
 * How wide a photo is drawn: the whole column of a phone less the page's padding, a grid cell
 * (at most about 20rem) from 48rem. With copies 480 and 1024 px wide, a phone of two device pixels
 * per CSS pixel fetches the 480 one (Chromium picks between the two by their geometric mean).
 */
const SIZES = '(min-width: 48rem) 20rem, calc(100vw - 2rem)';

/**
 * The centre's public photos (decisions 0072, 0078): only those staff published with the owner's
 * consent, as smaller copies without metadata (`srcset`, so a phone takes the small one), loaded
 * as the reader scrolls to them; nothing shows while there are none.
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
        {photos.data.map((p) => {
          const small = p.renditions[0];
          if (!small) return null;
          const url = (w: number) => `/api/v1/centers/${centreId}/photos/${p.id}/${w}`;
          return (
            <li key={p.id}>
              <img
                src={url(small.width)}
                srcSet={p.renditions.map((r) => `${url(r.width)} ${r.width}w`).join(', ')}
                sizes={SIZES}
                alt={photoAlt(p) ?? ''}
                loading="lazy"
                decoding="async"
                width={small.width}
                height={small.height}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
