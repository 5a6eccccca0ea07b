import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { centerName } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';

/** The programme admin registers a centre that already runs, directly (before selection exists). */
export function RegisterCentrePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [f, setF] = useState({
    ownerId: '',
    nameEn: '',
    nameUr: '',
    address: '',
    cityId: '',
    latitude: '',
    longitude: '',
    status: 'approved' as 'approved' | 'operational',
  });
  const cities = useQuery({
    queryKey: ['geo-cities'],
    queryFn: () => unwrap(api.GET('/api/v1/geo/cities', { params: { query: { limit: 500 } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const owners = useQuery({
    queryKey: ['owners'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { role: 'owner', limit: 100 } } })),
    retry: false,
  });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/centers', {
          body: {
            ownerId: f.ownerId,
            nameEn: f.nameEn,
            ...(f.nameUr.trim() ? { nameUr: f.nameUr } : {}),
            address: f.address,
            cityId: Number(f.cityId),
            latitude: Number(f.latitude),
            longitude: Number(f.longitude),
            status: f.status,
          },
        }),
      ),
    onSuccess: (c) => navigate(`/owner/centres/${c.id}/setup`),
  });
  const pickCity = (id: string) => {
    const city = cities.data?.find((c) => String(c.id) === id);
    setF({
      ...f,
      cityId: id,
      latitude: f.latitude || (city ? String(city.latitude) : ''),
      longitude: f.longitude || (city ? String(city.longitude) : ''),
    });
  };
  const ownerItems = (owners.data as { items?: { id: string; name: string; email: string }[] } | undefined)
    ?.items;
  return (
    <Page title={t('bk.admin.title')}>
      <p className="lead">{t('bk.admin.lead')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <FormAlert error={save.error} />
        {save.isSuccess ? (
          <Notice kind="success">
            <p>{t('bk.admin.created')}</p>
          </Notice>
        ) : null}
        {ownerItems ? (
          <SelectField
            id="rc-owner"
            label={t('bk.admin.owner')}
            value={f.ownerId}
            onChange={(e) => setF({ ...f, ownerId: e.target.value })}
            error={fieldError(save.error, 'ownerId')}
            required
          >
            <option value="">—</option>
            {ownerItems.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({o.email})
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            id="rc-owner"
            label={t('bk.admin.owner')}
            hint={t('bk.admin.ownerHint')}
            value={f.ownerId}
            dir="ltr"
            onChange={(e) => setF({ ...f, ownerId: e.target.value })}
            error={fieldError(save.error, 'ownerId')}
            required
          />
        )}
        <TextField
          id="rc-name-en"
          label={t('bk.admin.nameEn')}
          value={f.nameEn}
          onChange={(e) => setF({ ...f, nameEn: e.target.value })}
          error={fieldError(save.error, 'nameEn')}
          required
        />
        <TextField
          id="rc-name-ur"
          label={t('bk.admin.nameUr')}
          lang="ur"
          dir="rtl"
          value={f.nameUr}
          onChange={(e) => setF({ ...f, nameUr: e.target.value })}
          error={fieldError(save.error, 'nameUr')}
        />
        <TextField
          id="rc-address"
          label={t('bk.admin.address')}
          value={f.address}
          onChange={(e) => setF({ ...f, address: e.target.value })}
          error={fieldError(save.error, 'address')}
          required
        />
        <SelectField
          id="rc-city"
          label={t('bk.admin.city')}
          value={f.cityId}
          onChange={(e) => pickCity(e.target.value)}
          error={fieldError(save.error, 'cityId')}
          required
        >
          <option value="">—</option>
          {(cities.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {centerName(c)}
            </option>
          ))}
        </SelectField>
        <div className="row-2">
          <TextField
            id="rc-lat"
            inputMode="decimal"
            dir="ltr"
            label={t('bk.admin.lat')}
            value={f.latitude}
            onChange={(e) => setF({ ...f, latitude: e.target.value })}
            error={fieldError(save.error, 'latitude')}
            required
          />
          <TextField
            id="rc-lng"
            inputMode="decimal"
            dir="ltr"
            label={t('bk.admin.lng')}
            value={f.longitude}
            onChange={(e) => setF({ ...f, longitude: e.target.value })}
            error={fieldError(save.error, 'longitude')}
            required
          />
        </div>
        <SelectField
          id="rc-status"
          label={t('bk.admin.status')}
          value={f.status}
          onChange={(e) => setF({ ...f, status: e.target.value as 'approved' | 'operational' })}
        >
          <option value="approved">{t('bk.centreStatus.approved')}</option>
          <option value="operational">{t('bk.centreStatus.operational')}</option>
        </SelectField>
        <div className="actions">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {t('bk.admin.submit')}
          </button>
        </div>
      </form>
    </Page>
  );
}
