import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { minorToDecimal } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { FileUpload } from './FileUpload';
import { centerName, karachiToday } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './profile.i18n';
import './bookings.css';

type Platform = components['schemas']['EarningsPlatform'];
type Profile = components['schemas']['FreelancerProfile'];
type Gender = components['schemas']['Gender'];
const GENDERS: Gender[] = ['woman', 'man', 'other', 'prefer_not_to_say'];
const PLATFORMS: Platform[] = [
  'upwork',
  'fiverr',
  'freelancer',
  'toptal',
  'peopleperhour',
  'guru',
  'direct',
  'other',
];

function lastMonth(): string {
  const d = new Date(`${karachiToday().slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

/** "12.50" or "12" → 1250 US cents, without floating point; NaN when not a plain amount. */
function toCents(v: string): number {
  const m = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(v.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export function EarningsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [month, setMonth] = useState(lastMonth());
  const [platform, setPlatform] = useState<Platform>('upwork');
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const list = useQuery({ queryKey: ['my-earnings'], queryFn: () => unwrap(api.GET('/api/v1/me/earnings')) });
  const statements = useQuery({
    queryKey: ['my-statements'],
    queryFn: () => unwrap(api.GET('/api/v1/me/earnings-statements')),
  });
  const save = useMutation({
    mutationFn: (cents: number) =>
      unwrap(
        api.PUT('/api/v1/me/earnings/{month}/{platform}', {
          params: { path: { month, platform } },
          body: { amountMinor: cents },
        }),
      ),
    onSuccess: () => {
      setAmount('');
      void qc.invalidateQueries({ queryKey: ['my-earnings'] });
    },
  });
  const usd = (cents: number) =>
    new Intl.NumberFormat(fmt.lang === 'ur' ? 'ur-PK' : 'en-PK', {
      style: 'currency',
      currency: 'USD',
    }).format(minorToDecimal(cents));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const cents = toCents(amount);
    if (Number.isNaN(cents)) {
      setAmountError(t('bk.earn.amountInvalid'));
      return;
    }
    setAmountError(undefined);
    save.mutate(cents);
  };
  return (
    <Page title={t('bk.earn.title')}>
      <p className="lead">{t('bk.earn.lead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={save.error} />
        {save.isSuccess ? (
          <Notice kind="success">
            <p>{t('bk.earn.saved')}</p>
          </Notice>
        ) : null}
        <TextField
          id="earn-month"
          type="month"
          label={t('bk.earn.month')}
          value={month}
          max={karachiToday().slice(0, 7)}
          onChange={(e) => setMonth(e.target.value)}
          error={fieldError(save.error, 'month')}
          required
        />
        <SelectField
          id="earn-platform"
          label={t('bk.earn.platform')}
          value={platform}
          onChange={(e) => setPlatform(e.target.value as Platform)}
          error={fieldError(save.error, 'platform')}
        >
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {t(`bk.earn.platforms.${p}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="earn-amount"
          inputMode="decimal"
          label={t('bk.earn.amount')}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={amountError ?? fieldError(save.error, 'amountMinor')}
          dir="ltr"
          required
        />
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('bk.earn.save')}
          </button>
        </div>
      </form>
      <h2>{t('bk.earn.history')}</h2>
      {list.isPending ? <Loading /> : null}
      <FormAlert error={list.error} />
      {list.data && list.data.length === 0 ? <p>{t('bk.earn.none')}</p> : null}
      {list.data && list.data.length > 0 ? (
        <ScrollTable label={t('bk.earn.history')}>
          <thead>
            <tr>
              <th scope="col">{t('bk.earn.month')}</th>
              <th scope="col">{t('bk.earn.platform')}</th>
              <th scope="col">{t('bk.earn.amount')}</th>
              <th scope="col">{t('bk.earn.statement')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => {
              const st = statements.data?.find((x) => x.month === d.month);
              return (
                <tr key={`${d.month}-${d.platform}`}>
                  <td>{fmt.month(d.month)}</td>
                  <td>{t(`bk.earn.platforms.${d.platform}`)}</td>
                  <td className="num">{usd(d.amount.amountMinor)}</td>
                  <td>
                    {st ? (
                      <a href={`/api/v1/earnings-statements/${st.id}`} download={st.fileName}>
                        {t('bk.earn.openStatement')}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </ScrollTable>
      ) : null}
      {list.data && list.data.length > 0 ? (
        <FileUpload
          url={`/api/v1/me/earnings/${month}/statement`}
          label={t('bk.earn.attachStatement', { month })}
          accept="application/pdf,image/jpeg,image/png"
          onDone={() => void qc.invalidateQueries({ queryKey: ['my-statements'] })}
        />
      ) : null}
    </Page>
  );
}

function ProfileForm({ p }: { p: Profile | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [skills, setSkills] = useState((p?.skills ?? []).join(', '));
  const [platforms, setPlatforms] = useState<Platform[]>(p?.platforms ?? []);
  const [portfolio, setPortfolio] = useState(p?.portfolioUrl ?? '');
  const [homeCityId, setHomeCityId] = useState(p?.homeCityId ? String(p.homeCityId) : '');
  const [bio, setBio] = useState(p?.bio ?? '');
  const [gender, setGender] = useState<Gender | ''>(p?.gender ?? '');
  const cities = useQuery({
    queryKey: ['geo-cities'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities', { params: { query: { limit: 500 } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/me/freelancer-profile', {
          body: {
            skills: skills
              .split(/[,،]/)
              .map((s) => s.trim())
              .filter(Boolean),
            platforms,
            portfolioUrl: portfolio.trim() || null,
            homeCityId: homeCityId ? Number(homeCityId) : null,
            bio: bio.trim() || null,
            gender: gender || null,
          },
        }),
      ),
    onSuccess: (d) => qc.setQueryData(['freelancer-profile'], d),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <FormAlert error={save.error} />
      {save.isSuccess ? (
        <Notice kind="success">
          <p>{t('bk.prof.saved')}</p>
        </Notice>
      ) : null}
      <TextField
        id="prof-skills"
        label={t('bk.prof.skills')}
        hint={t('bk.prof.skillsHint')}
        value={skills}
        onChange={(e) => setSkills(e.target.value)}
        error={fieldError(save.error, 'skills')}
      />
      <fieldset className="choice">
        <legend>{t('bk.prof.platforms')}</legend>
        {PLATFORMS.map((x) => (
          <div className="check" key={x}>
            <input
              type="checkbox"
              id={`prof-pl-${x}`}
              checked={platforms.includes(x)}
              onChange={(e) =>
                setPlatforms(e.target.checked ? [...platforms, x] : platforms.filter((y) => y !== x))
              }
            />
            <label htmlFor={`prof-pl-${x}`}>{t(`bk.earn.platforms.${x}`)}</label>
          </div>
        ))}
      </fieldset>
      <TextField
        id="prof-portfolio"
        type="url"
        dir="ltr"
        label={t('bk.prof.portfolio')}
        value={portfolio}
        onChange={(e) => setPortfolio(e.target.value)}
        error={fieldError(save.error, 'portfolioUrl')}
      />
      <SelectField
        id="prof-city"
        label={t('bk.prof.homeCity')}
        value={homeCityId}
        onChange={(e) => setHomeCityId(e.target.value)}
        error={fieldError(save.error, 'homeCityId')}
      >
        <option value="">—</option>
        {(cities.data ?? []).map((c) => (
          <option key={c.id} value={c.id}>
            {centerName(c)}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="prof-gender"
        label={t('bk.prof.gender')}
        hint={t('bk.prof.genderHint')}
        value={gender}
        onChange={(e) => setGender(e.target.value as Gender | '')}
        error={fieldError(save.error, 'gender')}
      >
        <option value="">—</option>
        {GENDERS.map((g) => (
          <option key={g} value={g}>
            {t(`bk.prof.genders.${g}`)}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor="prof-bio">{t('bk.prof.bio')}</label>
        <textarea id="prof-bio" rows={4} value={bio} onChange={(e) => setBio(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {t('bk.prof.save')}
        </button>
      </div>
    </form>
  );
}

export function FreelancerProfilePage() {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: ['freelancer-profile'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/me/freelancer-profile'));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
  return (
    <Page title={t('bk.prof.title')}>
      {profile.isPending ? <Loading /> : null}
      <FormAlert error={profile.error} />
      {profile.data !== undefined ? (
        <>
          {profile.data ? (
            <p>
              {t('bk.prof.cnic')}: {profile.data.cnicOnFile ? t('bk.prof.yes') : t('bk.prof.no')}
            </p>
          ) : null}
          <ProfileForm p={profile.data} />
        </>
      ) : null}
    </Page>
  );
}
