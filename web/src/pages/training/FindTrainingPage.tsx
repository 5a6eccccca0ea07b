import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { todayInKarachi } from '../../lib/dates';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { ApplyForm } from './ApplyForm';
import { OutcomesPanel } from './OutcomesPanel';
import './training.i18n';
import './training.css';

type Cohort = components['schemas']['Cohort'];

function CohortCard({ c, canApply }: { c: Cohort; canApply: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const title = fmt.lang === 'ur' ? c.course.titleUr : c.course.titleEn;
  return (
    <li className="card" data-cohort={c.id}>
      <h2 className="cohort-title">{title}</h2>
      <p>
        {fmt.lang === 'ur' ? (c.centerNameUr ?? c.centerName) : c.centerName}, {cityName(c, fmt.lang)}
        {c.distanceKm !== null ? ` · ${fmt.number(c.distanceKm)} km` : ''}
      </p>
      <p className="cohort-facts">
        <span>{t('tr.starts', { d: fmt.date(c.startsOn) })}</span>
        <span>{t('tr.seats', { n: fmt.number(c.capacity) })}</span>
        <span>{t('tr.sessions', { n: fmt.number(c.sessions.length) })}</span>
        <span>{t(`tr.order.${c.admissionOrder}`)}</span>
      </p>
      <details>
        <summary>{t('tr.districts')}</summary>
        <ul>
          {c.districts.map((d) => (
            <li key={d.districtId}>
              {d.name}: {fmt.number(d.seats)}
            </li>
          ))}
        </ul>
      </details>
      {canApply ? (
        open ? (
          <ApplyForm cohort={c} />
        ) : (
          <button type="button" className="btn btn--primary" onClick={() => setOpen(true)}>
            {t('tr.apply')}
          </button>
        )
      ) : null}
    </li>
  );
}

/** Courses taking applications, nearest first; the rules; and the public figures. */
export default function FindTrainingPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data: me } = useMe();
  const [near, setNear] = useState<{ latitude: number; longitude: number } | null>(null);
  const cohorts = useQuery({
    queryKey: ['training-cohorts', near],
    queryFn: () => unwrap(api.GET('/api/v1/training/cohorts', { params: { query: near ?? {} } })),
  });
  const provinces = useQuery({
    queryKey: ['provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/provinces')),
  });
  const provinceNames = (codes: string) =>
    codes
      .split(',')
      .map((code) => {
        const p = provinces.data?.find((x) => x.code === code);
        return p ? (fmt.lang === 'ur' ? p.nameUr : p.nameEn) : code;
      })
      .join(fmt.lang === 'ur' ? '، ' : ', ');
  const rules = useQuery({
    queryKey: ['training-rules'],
    queryFn: () => unwrap(api.GET('/api/v1/training/eligibility-rules')),
  });
  const today = todayInKarachi();
  const inForce = (rules.data ?? []).filter(
    (r) => r.effectiveFrom <= today && (!r.effectiveTo || r.effectiveTo > today),
  );
  const locate = () =>
    navigator.geolocation?.getCurrentPosition((p) =>
      setNear({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
    );
  return (
    <Page title={t('tr.title')}>
      <p>{t('tr.intro')}</p>
      <section className="card card--muted">
        <h2>{t('tr.rules')}</h2>
        <ul>
          {inForce.map((r) => (
            <li key={r.id}>
              {t(`tr.rule.${r.kind}`, {
                v: r.valueText ? provinceNames(r.valueText) : fmt.number(r.valueInt ?? 0),
              })}
            </li>
          ))}
        </ul>
      </section>
      <p>
        <button type="button" className="btn" onClick={locate}>
          {t('tr.near')}
        </button>
      </p>
      {!me ? <p>{t('tr.loginToApply')}</p> : null}
      {cohorts.isPending ? <Loading /> : null}
      <FormAlert error={cohorts.error} />
      {cohorts.data && cohorts.data.length === 0 ? <p>{t('tr.none')}</p> : null}
      <ul className="cohort-list">
        {(cohorts.data ?? []).map((c) => (
          <CohortCard key={c.id} c={c} canApply={me?.role === 'freelancer'} />
        ))}
      </ul>
      <OutcomesPanel />
    </Page>
  );
}
