import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { cityName } from '../../lib/names';
import { useFormat } from '../../lib/useFormat';

/** A picker's props: the field's id, the chosen id, and the error the server named for it. */
type PickerProps = { id: string; value: string; onChange: (id: string) => void; error?: string | undefined };

/** Operational centres, by name (staff see every centre; the list is the first 200). */
export function useOperationalCentres() {
  return useQuery({
    queryKey: ['training-centres'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/centers', { params: { query: { status: 'operational', limit: 200 } } })),
  });
}

export function CentreSelect({ id, value, onChange, error }: PickerProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const centres = useOperationalCentres();
  return (
    <SelectField
      id={id}
      label={t('tr.centre')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      <option value="">{t('tr.choose')}</option>
      {(centres.data?.items ?? []).map((c) => (
        <option key={c.id} value={c.id}>
          {fmt.lang === 'ur' && c.nameUr ? c.nameUr : c.nameEn} · {cityName(c, fmt.lang)}
        </option>
      ))}
    </SelectField>
  );
}

/** Finds a trainer by name, email or CNIC and picks one: no ids to copy. */
export function TrainerPicker({ id, value, onChange, error }: PickerProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['training-trainers', q.trim()],
    queryFn: () => unwrap(api.GET('/api/v1/training/trainers', { params: { query: { q: q.trim() } } })),
  });
  return (
    <fieldset className="picker">
      <legend>{t('tr.trainer')}</legend>
      <TextField
        id={`${id}-search`}
        type="search"
        label={t('tr.findTrainer')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <SelectField
        id={id}
        label={t('tr.trainer')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      >
        <option value="">{t('tr.choose')}</option>
        {(found.data ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} · {p.cnic ?? p.email}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
