import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import './calendar.i18n';
import './loans.i18n';

/** Today's year in Pakistan. */
const karachiYear = () =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi', year: 'numeric' }).format(new Date()));

/**
 * The holiday calendar that governs due dates, read-only, for everyone with a loan (owners
 * included): the public holidays in force and the Islamic ones still to be confirmed.
 */
export default function HolidaysPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const thisYear = karachiYear();
  const [year, setYear] = useState(thisYear);
  const holidays = useQuery({
    queryKey: ['holidays', year],
    queryFn: () => unwrap(api.GET('/api/v1/holidays', { params: { query: { year } } })),
  });
  return (
    <Page title={t('loans.calendar.ownerTitle')}>
      <p>
        <Link to="/loans">{t('loans.detail.back')}</Link>
      </p>
      <p className="lead">{t('loans.calendar.ownerLead')}</p>
      <SelectField
        id="holiday-year"
        label={t('loans.calendar.year')}
        value={String(year)}
        onChange={(e) => setYear(Number(e.target.value))}
      >
        {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
          <option key={y} value={y}>
            {fmt.number(y).replace(/[,٬]/g, '')}
          </option>
        ))}
      </SelectField>
      {holidays.isPending ? (
        <Loading />
      ) : holidays.isError ? (
        <FormAlert error={holidays.error} />
      ) : (
        <ScrollTable label={t('loans.calendar.holidays')}>
          <thead>
            <tr>
              <th scope="col">{t('loans.calendar.date')}</th>
              <th scope="col">{t('loans.calendar.name')}</th>
              <th scope="col">{t('loans.calendar.status')}</th>
            </tr>
          </thead>
          <tbody>
            {holidays.data.map((h) => (
              <tr key={`${h.status}-${h.day}-${h.nameEn}`}>
                <td>{fmt.date(h.day)}</td>
                <td>{i18n.language === 'ur' ? h.nameUr : h.nameEn}</td>
                <td>{t(`loans.calendar.${h.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </Page>
  );
}
