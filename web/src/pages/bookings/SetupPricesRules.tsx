import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import { minorToDecimal } from '../../lib/format';
import type { Center } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { rupeesToPaisa, Section, useSave } from './setup-parts';

export function Prices({ c }: { c: Center }) {
  const { t } = useTranslation();
  const r = (v: number | null) => (v === null ? '' : minorToDecimal(v).replace(/\.00$/, ''));
  const [f, setF] = useState({
    hourlyMinor: r(c.prices.hourlyMinor),
    dayPassMinor: r(c.prices.dayPassMinor),
    monthlyDeskMinor: r(c.prices.monthlyDeskMinor),
    meetingRoomHourlyMinor: r(c.prices.meetingRoomHourlyMinor),
  });
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/prices', {
          params: { path: { id: c.id } },
          body: {
            hourlyMinor: rupeesToPaisa(f.hourlyMinor),
            dayPassMinor: rupeesToPaisa(f.dayPassMinor),
            monthlyDeskMinor: rupeesToPaisa(f.monthlyDeskMinor),
            meetingRoomHourlyMinor: rupeesToPaisa(f.meetingRoomHourlyMinor),
          },
        }),
      ),
    c.id,
  );
  const fields = [
    ['hourlyMinor', t('bk.setup.hourly')],
    ['dayPassMinor', t('bk.setup.dayPass')],
    ['monthlyDeskMinor', t('bk.setup.monthly')],
    ['meetingRoomHourlyMinor', t('bk.setup.meetingHourly')],
  ] as const;
  return (
    <Section
      id="prices"
      title={t('bk.setup.prices')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      {fields.map(([k, label]) => (
        <TextField
          key={k}
          id={`price-${k}`}
          inputMode="decimal"
          dir="ltr"
          label={label}
          value={f[k]}
          onChange={(e) => setF({ ...f, [k]: e.target.value })}
          error={fieldError(save.error, k)}
        />
      ))}
    </Section>
  );
}

export function Rules({ c }: { c: Center }) {
  const { t } = useTranslation();
  const keys = [
    'maxDaysAhead',
    'minNoticeMinutes',
    'cancellationWindowHours',
    'noShowGraceMinutes',
    'meetingBufferMinutes',
    'maxBookingHours',
    'maxConcurrentPerFreelancer',
  ] as const;
  const [f, setF] = useState(
    Object.fromEntries(keys.map((k) => [k, String(c.rules[k])])) as Record<(typeof keys)[number], string>,
  );
  const save = useSave(
    () =>
      unwrap(
        api.PUT('/api/v1/centers/{id}/rules', {
          params: { path: { id: c.id } },
          body: Object.fromEntries(keys.map((k) => [k, Number(f[k])])) as Center['rules'],
        }),
      ),
    c.id,
  );
  return (
    <Section
      id="rules"
      title={t('bk.setup.rules')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      {keys.map((k) => (
        <TextField
          key={k}
          id={`rules-${k}`}
          type="number"
          inputMode="numeric"
          min={0}
          label={t(`bk.setup.${k}`)}
          value={f[k]}
          onChange={(e) => setF({ ...f, [k]: e.target.value })}
          error={fieldError(save.error, k)}
        />
      ))}
    </Section>
  );
}
