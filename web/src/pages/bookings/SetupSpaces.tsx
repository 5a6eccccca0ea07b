import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import { inLang } from '../../lib/names';
import type { Center } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { Section, SPACE_KINDS, useSave } from './setup-parts';

export function Spaces({ c }: { c: Center }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({
    kind: 'hot_desk_area' as (typeof SPACE_KINDS)[number],
    name: '',
    nameUr: '',
    capacity: '10',
    count: '10',
    labelPrefix: 'H',
  });
  const add = useSave(
    () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/spaces', {
          params: { path: { id: c.id } },
          body: {
            kind: f.kind,
            name: f.name,
            ...(f.nameUr.trim() ? { nameUr: f.nameUr } : {}),
            capacity: Number(f.capacity),
            seats: { count: Number(f.count), labelPrefix: f.labelPrefix },
          },
        }),
      ),
    c.id,
  );
  const toggle = useMutation({
    mutationFn: (s: { seatId: string; active: boolean }) =>
      unwrap(
        api.POST('/api/v1/centers/{id}/seats/{seatId}/active', {
          params: { path: { id: c.id, seatId: s.seatId } },
          body: { active: s.active },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', c.id] }),
  });
  return (
    <Section
      id="spaces"
      title={t('bk.setup.spaces')}
      onSubmit={() => add.mutate(undefined)}
      pending={add.isPending}
      error={add.error ?? toggle.error}
      saved={add.isSuccess}
      submitLabel={t('bk.setup.addSpace')}
    >
      {c.spaces.map((s) => (
        <details key={s.id}>
          <summary>
            {inLang(s.name, s.nameUr)} ({t(`bk.spaceKind.${s.kind}`)}) —{' '}
            {t('bk.centre.seats', { count: s.seats.filter((x) => x.active).length })}
          </summary>
          <ul className="plain-list">
            {s.seats.map((seat) => (
              <li key={seat.id}>
                {seat.label} · {t(`bk.kind.${seat.kind}`)} · {seat.active ? t('bk.setup.active') : '—'}{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={toggle.isPending}
                  onClick={() => toggle.mutate({ seatId: seat.id, active: !seat.active })}
                >
                  {seat.active ? t('bk.setup.takeOut') : t('bk.setup.putBack')}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
      <SelectField
        id="sp-kind"
        label={t('bk.setup.spaceKind')}
        value={f.kind}
        onChange={(e) => setF({ ...f, kind: e.target.value as (typeof SPACE_KINDS)[number] })}
      >
        {SPACE_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`bk.spaceKind.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="sp-name"
        label={t('bk.setup.spaceName')}
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={fieldError(add.error, 'name')}
      />
      <TextField
        id="sp-name-ur"
        label={t('bk.setup.spaceNameUr')}
        value={f.nameUr}
        dir="rtl"
        lang="ur"
        onChange={(e) => setF({ ...f, nameUr: e.target.value })}
        error={fieldError(add.error, 'nameUr')}
      />
      <div className="row-2">
        <TextField
          id="sp-capacity"
          type="number"
          min={1}
          label={t('bk.setup.capacity')}
          value={f.capacity}
          onChange={(e) => setF({ ...f, capacity: e.target.value })}
          error={fieldError(add.error, 'capacity')}
        />
        <TextField
          id="sp-count"
          type="number"
          min={0}
          label={t('bk.setup.seatCount')}
          value={f.count}
          onChange={(e) => setF({ ...f, count: e.target.value })}
          error={fieldError(add.error, 'seats.count')}
        />
      </div>
      <TextField
        id="sp-prefix"
        label={t('bk.setup.labelPrefix')}
        value={f.labelPrefix}
        onChange={(e) => setF({ ...f, labelPrefix: e.target.value })}
        error={fieldError(add.error, 'seats.labelPrefix')}
      />
    </Section>
  );
}
