import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { currentLang } from '../../i18n';
import { PakistanMap } from '../bookings/CentresMap';

/** Operational centres on an offline map of Pakistan, linking to the public centre directory. */
export default function PortalMap() {
  const { t } = useTranslation();
  const lang = currentLang();
  const centres = useQuery({
    queryKey: ['public', 'centres-map'],
    queryFn: () => unwrap(api.GET('/api/v1/centers', { params: { query: { status: 'operational' } } })),
  });
  const points = (centres.data?.items ?? []).map((c) => ({
    id: c.id,
    label: lang === 'ur' && c.nameUr ? c.nameUr : c.nameEn,
    latitude: c.latitude,
    longitude: c.longitude,
  }));
  return (
    <section aria-labelledby="map-h">
      <h2 id="map-h">{t('portal.mapTitle')}</h2>
      <p>{t('portal.mapIntro', { n: points.length })}</p>
      <PakistanMap points={points} label={t('portal.mapTitle')} />
      <p>
        <Link to="/centres">{t('portal.mapDirectory')}</Link>
      </p>
    </section>
  );
}
