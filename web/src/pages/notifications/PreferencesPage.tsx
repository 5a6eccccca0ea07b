import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useKindLabel } from './kind-label';

type Prefs = components['schemas']['NoticePreferences'];
type Channel = components['schemas']['NoticeChannel'];
const CHANNELS: Channel[] = ['inbox', 'email', 'sms'];

/** A save's outcome: the problem, or that it was saved. */
function SaveStatus({ save }: { save: { error: unknown; isSuccess: boolean } }) {
  const { t } = useTranslation();
  return (
    <>
      <FormAlert error={save.error} />
      {save.isSuccess ? (
        <p className="alert alert--success" role="status">
          {t('notices.saved')}
        </p>
      ) : null}
    </>
  );
}

function Coordinate({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        dir="ltr"
        inputMode="decimal"
        required
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

function KindsTable({ prefs }: { prefs: Prefs }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [changed, setChanged] = useState<Record<string, boolean>>({});
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/notifications/preferences', {
          body: {
            changes: Object.entries(changed).map(([key, enabled]) => {
              const [kind, channel] = key.split('|') as [string, Channel];
              return { kind, channel, enabled };
            }),
          },
        }),
      ),
    onSuccess: (data) => {
      qc.setQueryData(['notifications', 'preferences'], data);
      setChanged({});
    },
  });
  const label = useKindLabel();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit}>
      <SaveStatus save={save} />
      <ScrollTable label={t('notices.prefsTitle')} stack>
        <thead>
          <tr>
            <th scope="col">{t('notices.col.kind')}</th>
            {CHANNELS.map((c) => (
              <th scope="col" key={c}>
                {t(`notices.channel.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {prefs.kinds.map((k) => (
            <tr key={k.kind} data-kind={k.kind}>
              <th scope="row">
                {label(k.kind)}
                {k.locked ? <span className="field-hint"> · {t('notices.locked')}</span> : null}
              </th>
              {CHANNELS.map((c) => {
                const ch = k.channels.find((x) => x.channel === c);
                const key = `${k.kind}|${c}`;
                return (
                  <td key={c} data-label={t(`notices.channel.${c}`)}>
                    {ch ? (
                      <input
                        type="checkbox"
                        aria-label={`${label(k.kind)}: ${t(`notices.channel.${c}`)}`}
                        checked={changed[key] ?? ch.enabled}
                        disabled={k.locked}
                        onChange={(e) => setChanged({ ...changed, [key]: e.target.checked })}
                      />
                    ) : (
                      <span aria-hidden="true">—</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <button type="submit" className="btn btn--primary" disabled={save.isPending}>
        {save.isPending ? t('common.wait') : t('notices.save')}
      </button>
    </form>
  );
}

function NearbyForm({ nearby }: { nearby: Prefs['nearby'] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [km, setKm] = useState(String(nearby?.km ?? 10));
  const [lat, setLat] = useState(String(nearby?.latitude ?? ''));
  const [lng, setLng] = useState(String(nearby?.longitude ?? ''));
  const save = useMutation({
    mutationFn: (value: Prefs['nearby']) =>
      unwrap(api.PUT('/api/v1/notifications/preferences', { body: { nearby: value } })),
    onSuccess: (data) => qc.setQueryData(['notifications', 'preferences'], data),
  });
  const here = () =>
    navigator.geolocation?.getCurrentPosition((p) => {
      setLat(p.coords.latitude.toFixed(4));
      setLng(p.coords.longitude.toFixed(4));
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ km: Number(km), latitude: Number(lat), longitude: Number(lng) });
  };
  return (
    <section className="card" aria-labelledby="nearby-h">
      <h2 id="nearby-h">{t('notices.nearbyTitle')}</h2>
      <p>{t('notices.nearbyLead')}</p>
      <SaveStatus save={save} />
      <form onSubmit={onSubmit} className="form-row">
        <label className="field">
          <span>{t('notices.nearbyKm')}</span>
          <input
            type="number"
            min={1}
            max={200}
            required
            value={km}
            onChange={(e) => setKm(e.target.value)}
          />
        </label>
        <Coordinate label={t('notices.latitude')} value={lat} onChange={setLat} />
        <Coordinate label={t('notices.longitude')} value={lng} onChange={setLng} />
        <button type="button" className="btn" onClick={here}>
          {t('notices.useLocation')}
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {t('notices.save')}
        </button>
        {nearby ? (
          <button type="button" className="btn" onClick={() => save.mutate(null)} disabled={save.isPending}>
            {t('notices.nearbyOff')}
          </button>
        ) : null}
      </form>
    </section>
  );
}

/** Which notices reach me on which channel; money and security locked on; centres near me. */
export default function PreferencesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const prefs = useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications/preferences')),
  });
  return (
    <Page title={t('notices.prefsTitle')}>
      <p>{t('notices.prefsLead')}</p>
      <FormAlert error={prefs.error} />
      {prefs.data ? (
        <>
          <KindsTable prefs={prefs.data} />
          {me?.role === 'freelancer' ? <NearbyForm nearby={prefs.data.nearby} /> : null}
        </>
      ) : prefs.isPending ? (
        <Loading />
      ) : null}
    </Page>
  );
}
