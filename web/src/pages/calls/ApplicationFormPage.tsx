import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import { Documents } from './ApplicationDocuments';
import { EMPTY, type Form, fromApplication, locateInto, toBody, useGeo } from './application-form';
import {
  type Application,
  bi,
  ConfirmAction,
  PROVINCES,
  provinceName,
  rupeesToPaisa,
  useFocusFirstInvalid,
  useT,
} from './shared';

export default function ApplicationFormPage() {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const params = useParams();
  const appId = params.appId;
  const existing = useQuery({
    queryKey: ['application', appId],
    enabled: !!appId,
    queryFn: () => unwrap(api.GET('/api/v1/applications/{id}', { params: { path: { id: appId! } } })),
  });
  const callId = params.id ?? existing.data?.callId ?? '';
  const call = useQuery({
    queryKey: ['call', callId],
    enabled: callId !== '',
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id: callId } } })),
  });
  const [form, setForm] = useState<Form>(EMPTY);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [geoMsg, setGeoMsg] = useState<string | null>(null);
  useEffect(() => {
    if (existing.data && loadedId !== existing.data.id) {
      setForm(fromApplication(existing.data));
      setLoadedId(existing.data.id);
    }
  }, [existing.data, loadedId]);
  const geo = useGeo(form.provinceCode);

  const lat = Number(form.latitude);
  const lng = Number(form.longitude);
  const hasPoint = form.latitude.trim() !== '' && form.longitude.trim() !== '' && Number.isFinite(lat + lng);
  const point = useQuery({
    queryKey: ['geo', 'point', lat, lng],
    enabled: hasPoint && Math.abs(lat) <= 90 && Math.abs(lng) <= 180,
    queryFn: () => unwrap(api.GET('/api/v1/geo/point', { params: { query: { lat, lng } } })),
  });

  const save = useMutation({
    mutationFn: async (): Promise<Application> => {
      const body = toBody(form);
      if (appId) {
        return unwrap(api.PATCH('/api/v1/applications/{id}', { params: { path: { id: appId } }, body }));
      }
      return unwrap(api.POST('/api/v1/applications', { body: { callId, ...body } }));
    },
    onSuccess: (a) => {
      qc.setQueryData(['application', a.id], a);
      setSaved(fmt.dateTime(a.updatedAt));
      if (!appId) navigate(`/applications/${a.id}/edit`, { replace: true });
    },
  });
  const submit = useMutation({
    mutationFn: async () => {
      const a = await save.mutateAsync();
      return unwrap(api.POST('/api/v1/applications/{id}/submit', { params: { path: { id: a.id } } }));
    },
    onSuccess: (a) => {
      qc.setQueryData(['application', a.id], a);
      void qc.invalidateQueries({ queryKey: ['applications'] });
      navigate(`/applications/${a.id}?submitted=1`);
    },
  });
  const error = submit.error ?? save.error;
  const err = (path: string) => fieldError(error, path);
  useFocusFirstInvalid(error);
  const set = (k: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const locateMe = () => locateInto(setForm, setGeoMsg, t);

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  if (appId && existing.isPending) return <Loading />;
  if (existing.data && existing.data.status !== 'draft')
    return (
      <Page title={t('applyTitle')}>
        <Notice>{t('alreadySubmitted')}</Notice>
        <Link to={`/applications/${existing.data.id}`}>{t('viewApplication')}</Link>
      </Page>
    );
  const c = call.data;
  const loanHint = c ? t('loanHint', { cap: fmt.pkr(c.loanCapMinor) }) : undefined;
  const rupeesPreview = rupeesToPaisa(form.loanRupees);
  return (
    <Page title={t('applyTitle')}>
      {c ? <p className="lead">{bi(c, fmt.lang)}</p> : null}
      <FormAlert error={existing.error ?? call.error} />
      {c && c.phase !== 'open' ? <Notice>{t('callNotOpen')}</Notice> : null}
      {existing.data ? (
        <p>
          {t('reference')}: <span dir="ltr">{existing.data.reference}</span> · <em>{t('status.draft')}</em>
        </p>
      ) : (
        <p>{t('draftIntro')}</p>
      )}
      <form className="form" onSubmit={onSave} noValidate aria-describedby={error ? 'app-error' : undefined}>
        <FormAlert error={error} id="app-error" />
        {saved ? <Notice kind="success">{t('draftSaved', { time: saved })}</Notice> : null}
        <h2>{t('sectionBuilding')}</h2>
        <TextField
          id="buildingName"
          label={t('buildingName')}
          required
          value={form.buildingName}
          onChange={set('buildingName')}
          error={err('buildingName')}
        />
        <TextField
          id="address"
          label={t('address')}
          hint={t('addressHint')}
          autoComplete="street-address"
          required
          value={form.address}
          onChange={set('address')}
          error={err('address')}
        />
        <SelectField
          id="provinceCode"
          label={t('province')}
          required
          value={form.provinceCode}
          onChange={(e) =>
            setForm((f) => ({ ...f, provinceCode: e.target.value, districtId: '', cityId: '' }))
          }
          error={err('provinceCode')}
        >
          <option value="">{t('choose')}</option>
          {(geo.provinces.data?.map((p) => p.code) ?? PROVINCES).map((code) => (
            <option key={code} value={code}>
              {provinceName(code, fmt.lang)}
            </option>
          ))}
        </SelectField>
        {geo.districts.data && geo.districts.data.length > 0 ? (
          <SelectField
            id="districtId"
            label={t('district')}
            value={form.districtId}
            onChange={set('districtId')}
            error={err('districtId')}
          >
            <option value="">{t('optional')}</option>
            {geo.districts.data.map((d) => (
              <option key={d.id} value={d.id}>
                {fmt.lang === 'ur' && d.nameUr ? d.nameUr : d.nameEn}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField
          id="cityId"
          label={t('city')}
          value={form.cityId}
          disabled={!form.provinceCode}
          hint={form.provinceCode ? undefined : t('cityHint')}
          onChange={(e) => {
            const city = geo.cities.data?.find((x) => String(x.id) === e.target.value);
            // A city's centre is a fair first guess for the location; the owner can refine it.
            setForm((f) => ({
              ...f,
              cityId: e.target.value,
              districtId: city?.districtId ? String(city.districtId) : f.districtId,
              latitude: f.latitude || (city ? city.latitude.toFixed(4) : ''),
              longitude: f.longitude || (city ? city.longitude.toFixed(4) : ''),
            }));
          }}
          error={err('cityId')}
        >
          <option value="">{t('choose')}</option>
          {geo.cities.data?.map((x) => (
            <option key={x.id} value={x.id}>
              {fmt.lang === 'ur' && x.nameUr ? x.nameUr : x.nameEn}
            </option>
          ))}
        </SelectField>
        <div className="grid2">
          <TextField
            id="latitude"
            label={t('latitude')}
            inputMode="decimal"
            dir="ltr"
            value={form.latitude}
            onChange={set('latitude')}
            error={err('latitude')}
          />
          <TextField
            id="longitude"
            label={t('longitude')}
            inputMode="decimal"
            dir="ltr"
            value={form.longitude}
            onChange={set('longitude')}
            error={err('longitude')}
          />
        </div>
        <p className="field-hint">{t('coordsHint')}</p>
        <p>
          <button type="button" className="btn btn--small" onClick={locateMe}>
            {t('useMyLocation')}
          </button>
        </p>
        {geoMsg ? <p role="status">{geoMsg}</p> : null}
        {point.data ? (
          <p role="status" className={point.data.inPakistan ? '' : 'needs'}>
            {point.data.inPakistan
              ? t('pointOk', {
                  city: point.data.nearestCity
                    ? fmt.lang === 'ur' && point.data.nearestCity.nameUr
                      ? point.data.nearestCity.nameUr
                      : point.data.nearestCity.nameEn
                    : '—',
                  km: fmt.number(Math.round(point.data.distanceKm ?? 0)),
                })
              : t('pointOutside')}
          </p>
        ) : null}
        {point.data?.inPakistan &&
        point.data.nearestCity &&
        String(point.data.nearestCity.id) !== form.cityId &&
        point.data.nearestCity.provinceCode === form.provinceCode ? (
          <p>
            <button
              type="button"
              className="btn btn--small"
              onClick={() => {
                const near = point.data?.nearestCity;
                if (near)
                  setForm((f) => ({
                    ...f,
                    cityId: String(near.id),
                    districtId: near.districtId ? String(near.districtId) : f.districtId,
                  }));
              }}
            >
              {t('useNearestCity', {
                city:
                  fmt.lang === 'ur' && point.data.nearestCity.nameUr
                    ? point.data.nearestCity.nameUr
                    : point.data.nearestCity.nameEn,
              })}
            </button>
          </p>
        ) : null}
        <h2>{t('sectionSpace')}</h2>
        <TextField
          id="coveredAreaSqft"
          label={t('coveredArea')}
          inputMode="numeric"
          dir="ltr"
          value={form.coveredAreaSqft}
          onChange={set('coveredAreaSqft')}
          error={err('coveredAreaSqft')}
        />
        <div className="grid2">
          {(['hotDesks', 'cabins', 'meetingRooms', 'trainingRooms'] as const).map((k) => (
            <TextField
              key={k}
              id={k}
              label={t(k)}
              inputMode="numeric"
              dir="ltr"
              value={form[k]}
              onChange={set(k)}
              error={err(k)}
            />
          ))}
        </div>
        <h2>{t('sectionServices')}</h2>
        <div className="grid2">
          <TextField
            id="internetMbps"
            label={t('internetMbps')}
            inputMode="numeric"
            dir="ltr"
            value={form.internetMbps}
            onChange={set('internetMbps')}
            error={err('internetMbps')}
          />
          <TextField
            id="internetProvider"
            label={t('internetProvider')}
            value={form.internetProvider}
            onChange={set('internetProvider')}
            error={err('internetProvider')}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={form.fibre}
            onChange={(e) => setForm((f) => ({ ...f, fibre: e.target.checked }))}
          />
          <span>{t('fibre')}</span>
        </label>
        <div className="grid2">
          <TextField
            id="backupKva"
            label={t('backupKva')}
            inputMode="numeric"
            dir="ltr"
            value={form.backupKva}
            onChange={set('backupKva')}
            error={err('backupKva')}
          />
          <TextField
            id="backupHours"
            label={t('backupHours')}
            inputMode="numeric"
            dir="ltr"
            value={form.backupHours}
            onChange={set('backupHours')}
            error={err('backupHours')}
          />
        </div>
        <TextField
          id="facilities"
          label={t('facilities')}
          hint={t('facilitiesHint')}
          value={form.facilities}
          onChange={set('facilities')}
          error={err('facilities')}
        />
        <h2>{t('sectionLoan')}</h2>
        <TextField
          id="readinessDate"
          type="date"
          label={t('readinessDate')}
          dir="ltr"
          value={form.readinessDate}
          onChange={set('readinessDate')}
          error={err('readinessDate')}
        />
        <TextField
          id="loanRupees"
          label={t('loanRequested')}
          hint={loanHint}
          inputMode="decimal"
          dir="ltr"
          value={form.loanRupees}
          onChange={set('loanRupees')}
          error={err('loanRequestedMinor')}
        />
        {rupeesPreview !== null ? <p className="field-hint">{fmt.pkr(rupeesPreview)}</p> : null}
        <div className="actions">
          <button type="submit" className="btn" disabled={save.isPending || submit.isPending}>
            {save.isPending ? t('wait') : t('saveDraft')}
          </button>
        </div>
      </form>
      {existing.data ? <Documents app={existing.data} /> : <p>{t('documentsAfterSave')}</p>}
      <section aria-labelledby="submit-h">
        <h2 id="submit-h">{t('submitTitle')}</h2>
        <p>{t('submitIntro')}</p>
        <ConfirmAction
          label={t('submitApplication')}
          question={t('submitConfirm')}
          yes={t('submitYes')}
          pending={submit.isPending}
          disabled={!callId}
          onConfirm={() => submit.mutate()}
        />
      </section>
    </Page>
  );
}
