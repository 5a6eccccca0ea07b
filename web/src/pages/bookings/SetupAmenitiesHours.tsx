import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import type { Center } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { num, Section, TIMES, useSave } from './setup-parts';

export function Amenities({ c }: { c: Center }) {
  const { t } = useTranslation();
  const a = c.amenities;
  const [f, setF] = useState({
    internetMbps: a.internetMbps === null ? '' : String(a.internetMbps),
    backupPowerHours: a.backupPowerHours === null ? '' : String(a.backupPowerHours),
    hasUps: a.hasUps,
    womenOnlyArea: a.womenOnlyArea,
    prayerArea: a.prayerArea,
    parking: a.parking,
    accessible: a.accessible,
  });
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/amenities', {
          params: { path: { id: c.id } },
          body: { ...f, internetMbps: num(f.internetMbps), backupPowerHours: num(f.backupPowerHours) },
        }),
      ),
    c.id,
  );
  const flags = [
    ['hasUps', t('bk.setup.hasUps')],
    ['womenOnlyArea', t('bk.amenity.womenOnlyArea')],
    ['prayerArea', t('bk.amenity.prayerArea')],
    ['parking', t('bk.amenity.parking')],
    ['accessible', t('bk.amenity.accessible')],
  ] as const;
  return (
    <Section
      id="am"
      title={t('bk.setup.amenities')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      <TextField
        id="am-internet"
        type="number"
        min={0}
        label={t('bk.setup.internetMbps')}
        value={f.internetMbps}
        onChange={(e) => setF({ ...f, internetMbps: e.target.value })}
        error={fieldError(save.error, 'internetMbps')}
      />
      <TextField
        id="am-backup"
        type="number"
        min={0}
        label={t('bk.setup.backupPowerHours')}
        value={f.backupPowerHours}
        onChange={(e) => setF({ ...f, backupPowerHours: e.target.value })}
        error={fieldError(save.error, 'backupPowerHours')}
      />
      {flags.map(([k, label]) => (
        <div className="check" key={k}>
          <input
            type="checkbox"
            id={`am-${k}`}
            checked={f[k]}
            onChange={(e) => setF({ ...f, [k]: e.target.checked })}
          />
          <label htmlFor={`am-${k}`}>{label}</label>
        </div>
      ))}
    </Section>
  );
}

export function Hours({ c }: { c: Center }) {
  const { t } = useTranslation();
  const initial = [1, 2, 3, 4, 5, 6, 7].map((weekday) => {
    const h = c.openingHours.find((x) => x.weekday === weekday);
    return { weekday, open: !!h, opens: h?.opens ?? '09:00', closes: h?.closes ?? '21:00' };
  });
  const [days, setDays] = useState(initial);
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/hours', {
          params: { path: { id: c.id } },
          body: {
            days: days
              .filter((d) => d.open)
              .map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
          },
        }),
      ),
    c.id,
  );
  const set = (i: number, patch: Partial<(typeof days)[number]>) =>
    setDays(days.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <Section
      id="hours"
      title={t('bk.setup.hours')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      <p className="field-hint">{t('bk.setup.hoursMidnight')}</p>
      {days.map((d, i) => {
        const day = t(`bk.weekday.${d.weekday}`);
        return (
          <div className="hour-row" key={d.weekday}>
            <div className="check">
              <input
                type="checkbox"
                id={`hours-open-${d.weekday}`}
                checked={d.open}
                onChange={(e) => set(i, { open: e.target.checked })}
              />
              <label htmlFor={`hours-open-${d.weekday}`}>{t('bk.setup.openDay', { day })}</label>
            </div>
            {d.open ? (
              <>
                <SelectField
                  id={`hours-opens-${d.weekday}`}
                  label={`${t('bk.setup.opens')} (${day})`}
                  value={d.opens}
                  onChange={(e) => set(i, { opens: e.target.value })}
                  error={fieldError(save.error, `days.${i}.opens`)}
                >
                  {TIMES.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </SelectField>
                <SelectField
                  id={`hours-closes-${d.weekday}`}
                  label={`${t('bk.setup.closes')} (${day})`}
                  value={d.closes}
                  onChange={(e) => set(i, { closes: e.target.value })}
                  error={fieldError(save.error, `days.${i}.closes`)}
                >
                  {TIMES.map((x) => (
                    <option key={x}>{x}</option>
                  ))}
                </SelectField>
              </>
            ) : null}
          </div>
        );
      })}
    </Section>
  );
}
