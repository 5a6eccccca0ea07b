import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { cityName, inLang } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';
import { addStrings } from './strings';

addStrings(
  {
    rep: {
      title: 'Monthly centre reports',
      intro:
        'Each month the owner confirms how reliably internet and backup power worked during opening hours, and what the trainer did. The programme flags centres that have not reported.',
      month: 'Month',
      internet: 'Internet uptime (% of opening hours)',
      power: 'Power uptime (% of opening hours)',
      trainer: 'Trainer’s name',
      sessions: 'Training sessions held',
      trained: 'People trained',
      notes: 'Notes',
      submit: 'Submit report',
      saved: 'Report saved. You can correct it by submitting the same month again.',
      past: 'Reports so far',
      none: 'No reports yet.',
      percentHint: 'From 0 to 100, one decimal at most',
      missingTitle: 'Centres that have not reported',
      missingIntro: 'Operational centres with no report for the month shown.',
      allReported: 'Every operational centre has reported for {{month}}.',
      centre: 'Centre',
      city: 'City',
      province: 'Province',
      back: 'Back to centres',
    },
  },
  {
    rep: {
      title: 'مرکز کی ماہانہ رپورٹس',
      intro:
        'ہر ماہ مالک تصدیق کرتا ہے کہ اوقاتِ کار میں انٹرنیٹ اور بیک اپ بجلی کتنی قابلِ اعتماد رہی، اور ٹرینر نے کیا کیا۔ رپورٹ نہ دینے والے مراکز پروگرام کی نظر میں آتے ہیں۔',
      month: 'مہینہ',
      internet: 'انٹرنیٹ کی دستیابی (اوقاتِ کار کا ٪)',
      power: 'بجلی کی دستیابی (اوقاتِ کار کا ٪)',
      trainer: 'ٹرینر کا نام',
      sessions: 'منعقدہ تربیتی نشستیں',
      trained: 'تربیت یافتہ افراد',
      notes: 'نوٹس',
      submit: 'رپورٹ جمع کریں',
      saved: 'رپورٹ محفوظ ہو گئی۔ اسی مہینے کی رپورٹ دوبارہ جمع کر کے تصحیح کی جا سکتی ہے۔',
      past: 'اب تک کی رپورٹس',
      none: 'ابھی کوئی رپورٹ نہیں۔',
      percentHint: '0 سے 100 تک، زیادہ سے زیادہ ایک اعشاریہ',
      missingTitle: 'رپورٹ نہ دینے والے مراکز',
      missingIntro: 'دکھائے گئے مہینے کی رپورٹ کے بغیر فعال مراکز۔',
      allReported: '{{month}} کے لیے تمام فعال مراکز نے رپورٹ دی ہے۔',
      centre: 'مرکز',
      city: 'شہر',
      province: 'صوبہ',
      back: 'مراکز پر واپس',
    },
  },
  'rep.title',
);

/** The month before this one, as YYYY-MM, on the programme's clock. */
function lastMonth(): string {
  const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Karachi' }));
  now.setDate(1);
  now.setMonth(now.getMonth() - 1);
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export function CentreReportsPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const fmt = useFormat();
  const qc = useQueryClient();
  const reports = useQuery({
    queryKey: ['centre-reports', id],
    queryFn: () => unwrap(api.GET('/api/v1/centers/{id}/reports', { params: { path: { id } } })),
  });
  const [month, setMonth] = useState(lastMonth());
  const [form, setForm] = useState({
    internet: '',
    power: '',
    trainer: '',
    sessions: '0',
    trained: '0',
    notes: '',
  });
  const submit = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/reports/{month}', {
          params: { path: { id, month } },
          body: {
            internetUptimePercent: Number(form.internet),
            powerUptimePercent: Number(form.power),
            trainerName: form.trainer.trim() || null,
            trainingSessions: Number(form.sessions),
            peopleTrained: Number(form.trained),
            notes: form.notes.trim() || null,
          },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre-reports', id] }),
  });
  const err = (path: string) =>
    submit.error instanceof ApiError ? submit.error.fieldMessage(path) : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate();
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const owner = me?.role === 'owner';
  return (
    <Page title={t('rep.title')}>
      <p>{t('rep.intro')}</p>
      {owner ? (
        <form onSubmit={onSubmit} noValidate className="card">
          <TextField
            id="rep-month"
            label={t('rep.month')}
            type="month"
            value={month}
            onChange={(e) => setMonth(e.target.value)}
            error={err('month')}
            required
          />
          <TextField
            id="rep-internet"
            label={t('rep.internet')}
            hint={t('rep.percentHint')}
            inputMode="decimal"
            value={form.internet}
            onChange={set('internet')}
            error={err('internetUptimePercent')}
            required
          />
          <TextField
            id="rep-power"
            label={t('rep.power')}
            hint={t('rep.percentHint')}
            inputMode="decimal"
            value={form.power}
            onChange={set('power')}
            error={err('powerUptimePercent')}
            required
          />
          <TextField
            id="rep-trainer"
            label={t('rep.trainer')}
            value={form.trainer}
            onChange={set('trainer')}
            error={err('trainerName')}
          />
          <TextField
            id="rep-sessions"
            label={t('rep.sessions')}
            inputMode="numeric"
            value={form.sessions}
            onChange={set('sessions')}
            error={err('trainingSessions')}
          />
          <TextField
            id="rep-trained"
            label={t('rep.trained')}
            inputMode="numeric"
            value={form.trained}
            onChange={set('trained')}
            error={err('peopleTrained')}
          />
          <TextField
            id="rep-notes"
            label={t('rep.notes')}
            value={form.notes}
            onChange={set('notes')}
            error={err('notes')}
          />
          <FormAlert error={submit.error} />
          {submit.isSuccess ? (
            <p className="alert alert--success" role="status">
              {t('rep.saved')}
            </p>
          ) : null}
          <button className="btn btn--primary" type="submit" disabled={submit.isPending}>
            {t('rep.submit')}
          </button>
        </form>
      ) : null}
      <section aria-labelledby="rep-past">
        <h2 id="rep-past">{t('rep.past')}</h2>
        <FormAlert error={reports.error} />
        {reports.isLoading ? <Loading /> : null}
        {reports.data && reports.data.length === 0 ? <p>{t('rep.none')}</p> : null}
        {reports.data && reports.data.length > 0 ? (
          <ScrollTable label={t('rep.past')}>
            <thead>
              <tr>
                <th scope="col">{t('rep.month')}</th>
                <th scope="col">{t('rep.internet')}</th>
                <th scope="col">{t('rep.power')}</th>
                <th scope="col">{t('rep.sessions')}</th>
                <th scope="col">{t('rep.trained')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.map((r) => (
                <tr key={r.month}>
                  <td>{fmt.month(r.month.slice(0, 7))}</td>
                  <td>{fmt.number(r.internetUptimePercent)}%</td>
                  <td>{fmt.number(r.powerUptimePercent)}%</td>
                  <td>{fmt.number(r.trainingSessions)}</td>
                  <td>{fmt.number(r.peopleTrained)}</td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        ) : null}
      </section>
      <p>
        <Link to="/owner/centres">{t('rep.back')}</Link>
      </p>
    </Page>
  );
}

export function MissingReportsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [month, setMonth] = useState(lastMonth());
  const missing = useQuery({
    queryKey: ['missing-reports', month],
    queryFn: () => unwrap(api.GET('/api/v1/center-reports/missing', { params: { query: { month } } })),
  });
  return (
    <Page title={t('rep.missingTitle')}>
      <p>{t('rep.missingIntro')}</p>
      <TextField
        id="missing-month"
        label={t('rep.month')}
        type="month"
        value={month}
        onChange={(e) => setMonth(e.target.value)}
      />
      <FormAlert error={missing.error} />
      {missing.isLoading ? <Loading /> : null}
      {missing.data && missing.data.centers.length === 0 ? <p>{t('rep.allReported', { month })}</p> : null}
      {missing.data && missing.data.centers.length > 0 ? (
        <ScrollTable label={t('rep.missingTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('rep.centre')}</th>
              <th scope="col">{t('rep.city')}</th>
              <th scope="col">{t('rep.province')}</th>
            </tr>
          </thead>
          <tbody>
            {missing.data.centers.map((c) => (
              <tr key={c.centerId}>
                <td>
                  <Link to={`/owner/centres/${c.centerId}/reports`}>
                    {inLang(c.nameEn, c.nameUr, fmt.lang)}
                  </Link>
                </td>
                <td>{cityName(c, fmt.lang)}</td>
                <td>{c.provinceCode}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </Page>
  );
}
