import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/session';
import { SelectField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { ArrearsBuckets } from './ArrearsBucketsForm';
import './calendar.i18n';
import './loans.i18n';

type Holiday = components['schemas']['Holiday'];

/** Today in Pakistan, 'YYYY-MM-DD'. */
const karachiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Karachi' }).format(new Date());

/** A proposed Islamic holiday: staff set the sighted date and confirm it. */
function ProposedRow({ h, isAdmin, onDone }: { h: Holiday; isAdmin: boolean; onDone: (m: string) => void }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [day, setDay] = useState(h.day);
  const name = i18n.language === 'ur' ? h.nameUr : h.nameEn;
  const confirm = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/holidays', {
          body: { day, nameEn: h.nameEn, nameUr: h.nameUr, kind: 'islamic' },
        }),
      ),
    onSuccess: (r) => {
      const moved = r.rerolled?.instalments
        ? ` ${t('loans.calendar.movedDone', {
            instalments: fmt.number(r.rerolled.instalments),
            loans: fmt.number(r.rerolled.loans),
          })}`
        : '';
      onDone(t('loans.calendar.confirmedDone', { name, date: fmt.date(r.day) }) + moved);
      void qc.invalidateQueries({ queryKey: ['holidays'] });
    },
  });
  const inputId = `confirm-${h.day}-${h.nameEn.replace(/\W+/g, '-')}`;
  return (
    <tr>
      <td>{fmt.date(h.day)}</td>
      <td>{name}</td>
      <td>
        {t('loans.calendar.proposed')}
        {isAdmin ? (
          <div>
            <label htmlFor={inputId}>{t('loans.calendar.confirmOn')}</label>{' '}
            <input id={inputId} type="date" value={day} onChange={(e) => setDay(e.target.value)} />{' '}
            <button
              type="button"
              className="btn btn--small"
              disabled={confirm.isPending || !day}
              onClick={() => confirm.mutate()}
            >
              {t('loans.calendar.confirm')}
            </button>
            <FormAlert error={confirm.error} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** The working-day calendar and the arrears buckets (programme staff; the admin changes them). */
export default function LoanCalendarPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const me = useMe();
  const isAdmin = me.data?.role === 'program_admin';
  const today = karachiToday();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [message, setMessage] = useState<string | null>(null);
  const holidays = useQuery({
    queryKey: ['holidays', year],
    queryFn: () => unwrap(api.GET('/api/v1/holidays', { params: { query: { year } } })),
  });
  const remove = useMutation({
    mutationFn: (day: string) =>
      unwrap(api.DELETE('/api/v1/holidays/{day}', { params: { path: { day } } })).then(() => day),
    onSuccess: (day) => {
      setMessage(t('loans.calendar.removedDone', { date: fmt.date(day) }));
      void qc.invalidateQueries({ queryKey: ['holidays'] });
    },
  });
  return (
    <Page title={t('loans.calendar.title')} wide>
      <p className="lead">{t('loans.calendar.lead')}</p>
      <section aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t('loans.calendar.holidays')}</h2>
        <SelectField
          id="year"
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
        <p>{t('loans.calendar.proposedHint')}</p>
        {message ? <Notice kind="success">{message}</Notice> : null}
        <FormAlert error={remove.error} />
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
              {holidays.data.map((h) =>
                h.status === 'proposed' ? (
                  <ProposedRow key={`p-${h.day}-${h.nameEn}`} h={h} isAdmin={isAdmin} onDone={setMessage} />
                ) : (
                  <tr key={h.day}>
                    <td>{fmt.date(h.day)}</td>
                    <td>{i18n.language === 'ur' ? h.nameUr : h.nameEn}</td>
                    <td>
                      {t(`loans.calendar.${h.status}`)}
                      {isAdmin && h.status === 'confirmed' ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="btn btn--small"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(h.day)}
                          >
                            {t('loans.calendar.remove')}
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </ScrollTable>
        )}
      </section>
      <ArrearsBuckets isAdmin={isAdmin} today={today} />
    </Page>
  );
}
