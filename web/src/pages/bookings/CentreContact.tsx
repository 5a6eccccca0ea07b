import { useTranslation } from 'react-i18next';
import { centerName } from './lib';
import './booking-extras.i18n';

/** A tel: link's number as people read it: +92 42 3576 1234. */
export function phoneLabel(phone: string): string {
  const rest = phone.replace(/^\+92/, '');
  return rest.length === 10 && rest.startsWith('3')
    ? `+92 ${rest.slice(0, 3)} ${rest.slice(3)}`
    : `+92 ${rest.slice(0, rest.length - 7)} ${rest.slice(-7, -4)} ${rest.slice(-4)}`;
}

/**
 * Links that open the phone's own map app at the centre: a geo: URI (Android and most phone
 * browsers hand it to the map app) and a maps URL that opens the map app where installed. Plain
 * links with coordinates: nothing is fetched until the person taps.
 */
export function directionLinks(lat: number, lng: number, label: string) {
  const at = `${lat.toFixed(6)},${lng.toFixed(6)}`;
  return {
    geo: `geo:${at}?q=${at}(${encodeURIComponent(label)})`,
    web: `https://www.google.com/maps/dir/?api=1&destination=${at}`,
  };
}

type Place = {
  nameEn: string;
  nameUr?: string | null;
  latitude: number;
  longitude: number;
  phone?: string | null;
};

/** A centre's phone and directions, on its page and on a booking. */
export function CentreContact({ centre: c }: { centre: Place }) {
  const { t } = useTranslation();
  const links = directionLinks(c.latitude, c.longitude, centerName(c));
  return (
    <div className="booking-contact">
      <p>
        {c.phone ? (
          <a href={`tel:${c.phone}`}>
            {t('bk.extra.call', { phone: '' })}
            <span dir="ltr">{phoneLabel(c.phone)}</span>
          </a>
        ) : (
          <span className="field-hint">{t('bk.extra.noPhone')}</span>
        )}
      </p>
      <p className="actions">
        <a className="btn" href={links.web} target="_blank" rel="noopener noreferrer">
          {t('bk.extra.directions')}
        </a>
        <a className="btn" href={links.geo}>
          {t('bk.extra.mapApp')}
        </a>
      </p>
      <p className="field-hint">{t('bk.extra.directionsHint')}</p>
    </div>
  );
}
