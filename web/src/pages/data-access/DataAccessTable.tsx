import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './data-access.i18n';

type Look = components['schemas']['DataAccess'];

const FRONT_DESK = 'front desk: ';

/** How the look happened; a centre's front desk is stored with the centre's name (`front desk: <name>`). */
function viaLabel(t: TFunction, via: string): string {
  if (via.startsWith(FRONT_DESK))
    return t('dataAccess.via.front_desk', { centre: via.slice(FRONT_DESK.length) });
  return t(`dataAccess.via.${via}`, { defaultValue: via });
}

/** Looks at personal data, newest first: the person's own view, or the auditor's with the person named. */
export function DataAccessTable({ items, showPerson }: { items: Look[]; showPerson?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ScrollTable label={t('dataAccess.mineTitle')}>
      <thead>
        <tr>
          <th scope="col">{t('dataAccess.when')}</th>
          <th scope="col">{t('dataAccess.who')}</th>
          {showPerson ? <th scope="col">{t('dataAccess.person')}</th> : null}
          <th scope="col">{t('dataAccess.what')}</th>
          <th scope="col">{t('dataAccess.why')}</th>
          <th scope="col">{t('dataAccess.how')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr key={a.id}>
            <td>{fmt.dateTime(a.at)}</td>
            <td>
              {a.reader.name} <span className="muted">({t(`roles.${a.reader.role}`)})</span>
            </td>
            {showPerson ? <td>{a.subject.name}</td> : null}
            <td>{a.fields.map((f) => t(`dataAccess.fields.${f}`, { defaultValue: f })).join('، ')}</td>
            <td>{t(`dataAccess.purposes.${a.purpose}`, { defaultValue: a.purpose })}</td>
            <td>{viaLabel(t, a.via)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
