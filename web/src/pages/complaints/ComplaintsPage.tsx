import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { StatCard, StatGrid } from '../../components/StatCard';
import { useFormat } from '../../lib/useFormat';
import { CATEGORIES, ComplaintList } from './ComplaintParts';
import './complaints.i18n';
import './complaints.css';
import { cityName } from '../../lib/names';

/** Public: the complaint counts, a form to file one (signed in or with a contact), and follow by reference. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <Page title={t('cp.title')}>
      <p className="lead">{t('cp.intro')}</p>
      <ComplaintStats />
      <div className="cp-columns">
        <FileComplaint signedIn={Boolean(me)} />
        <TrackComplaint />
      </div>
      {me ? <MyComplaints /> : null}
    </Page>
  );
}

function ComplaintStats() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data } = useQuery({
    queryKey: ['complaints', 'stats'],
    queryFn: () => unwrap(api.GET('/api/v1/complaints/stats')),
  });
  if (!data) return null;
  return (
    <StatGrid label={t('cp.stats.label')}>
      <StatCard label={t('cp.stats.received')} value={fmt.number(data.received)} />
      <StatCard label={t('cp.stats.open')} value={fmt.number(data.open)} />
      <StatCard
        label={t('cp.stats.overdue')}
        value={fmt.number(data.overdue)}
        tone={data.overdue ? 'warn' : 'plain'}
      />
      <StatCard
        label={t('cp.stats.median')}
        value={data.medianDaysToAnswer === null ? '—' : fmt.number(data.medianDaysToAnswer)}
        note={data.medianDaysToAnswer === null ? t('cp.stats.none') : undefined}
      />
      <StatCard label={t('cp.stats.within')} value={fmt.number(data.answeredWithinStandard)} />
    </StatGrid>
  );
}

function FileComplaint({ signedIn }: { signedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const [about, setAbout] = useState<'centre' | 'programme'>('programme');
  const [centerId, setCenterId] = useState('');
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('other');
  const [body, setBody] = useState('');
  const [email, setEmail] = useState('');
  const [mobile, setMobile] = useState('');
  const centres = useQuery({
    queryKey: ['public', 'centres', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/public/centres', { params: { query: { limit: 500 } } })),
    enabled: about === 'centre',
  });
  const file = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/complaints', {
          body: {
            about,
            ...(about === 'centre' && centerId ? { centerId } : {}),
            category,
            body,
            ...(email.trim() ? { email } : {}),
            ...(mobile.trim() ? { mobile } : {}),
            locale: i18n.language === 'ur' ? 'ur' : 'en',
          },
        }),
      ),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    file.mutate();
  };
  const ur = i18n.language === 'ur';
  if (file.data)
    return (
      <section className="card" aria-live="polite">
        <h2>{t('cp.form.title')}</h2>
        <Notice kind="success">{t('cp.form.sent', { reference: file.data.reference })}</Notice>
        <p>
          <Link to={`/complaints/${file.data.reference}`}>{t('cp.form.open')}</Link>
        </p>
      </section>
    );
  return (
    <section className="card">
      <h2>{t('cp.form.title')}</h2>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="choice">
          <legend>{t('cp.form.about')}</legend>
          {(['programme', 'centre'] as const).map((a) => (
            <label key={a} className="choice-option">
              <input type="radio" name="about" checked={about === a} onChange={() => setAbout(a)} />{' '}
              {t(`cp.form.${a}`)}
            </label>
          ))}
        </fieldset>
        {about === 'centre' ? (
          <SelectField
            id="cp-centre"
            label={t('cp.form.whichCentre')}
            value={centerId}
            onChange={(e) => setCenterId(e.target.value)}
            error={fieldError(file.error, 'centerId')}
          >
            <option value="">{t('cp.form.chooseCentre')}</option>
            {(centres.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {(ur && c.nameUr) || c.nameEn} — {cityName(c, ur ? 'ur' : 'en')}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          id="cp-category"
          label={t('cp.form.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}
          error={fieldError(file.error, 'category')}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`cp.cat.${c}`)}
            </option>
          ))}
        </SelectField>
        <div className={`field${fieldError(file.error, 'body') ? ' field--invalid' : ''}`}>
          <label htmlFor="cp-body">{t('cp.form.body')}</label>
          <p className="field-hint" id="cp-body-hint">
            {t('cp.form.bodyHint')}
          </p>
          <textarea
            id="cp-body"
            name="cp-body"
            rows={5}
            maxLength={2000}
            value={body}
            aria-describedby={fieldError(file.error, 'body') ? 'cp-body-hint cp-body-error' : 'cp-body-hint'}
            aria-invalid={fieldError(file.error, 'body') ? true : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          {fieldError(file.error, 'body') ? (
            <p className="field-error" id="cp-body-error">
              {fieldError(file.error, 'body')}
            </p>
          ) : null}
        </div>
        {signedIn ? (
          <p className="field-hint">{t('cp.form.signedIn')}</p>
        ) : (
          <>
            <p className="field-hint">{t('cp.form.contactHint')}</p>
            <TextField
              id="cp-email"
              type="email"
              autoComplete="email"
              label={t('cp.form.email')}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              error={fieldError(file.error, 'email')}
            />
            <TextField
              id="cp-mobile"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              label={t('cp.form.mobile')}
              value={mobile}
              onChange={(e) => setMobile(e.target.value)}
              error={fieldError(file.error, 'mobile')}
            />
          </>
        )}
        <FormAlert error={file.error} />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={file.isPending}>
            {t('cp.form.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

function TrackComplaint() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [ref, setRef] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = ref.trim().toUpperCase();
    if (r) navigate(`/complaints/${encodeURIComponent(r)}`);
  };
  return (
    <section className="card">
      <h2>{t('cp.track.title')}</h2>
      <form className="form" onSubmit={submit}>
        <TextField
          id="cp-ref"
          label={t('cp.track.reference')}
          hint={t('cp.track.referenceHint')}
          value={ref}
          autoCapitalize="characters"
          onChange={(e) => setRef(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="btn">
            {t('cp.track.go')}
          </button>
        </div>
      </form>
    </section>
  );
}

function MyComplaints() {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['complaints', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/me/complaints')),
  });
  return (
    <section>
      <h2>{t('cp.mine.title')}</h2>
      <ComplaintList rows={data ?? []} empty={t('cp.mine.none')} />
    </section>
  );
}
