import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField } from '../../components/Field';
import './inspection-visits.i18n';

/** Who can inspect: active programme admins (the role that records an inspection). */
export function useInspectors() {
  return useQuery({
    queryKey: ['users', 'inspectors'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { role: 'program_admin', limit: 200 } } })),
    select: (d) => d.items.filter((u) => u.status === 'active').map((u) => ({ id: u.id, name: u.name })),
    staleTime: 5 * 60_000,
  });
}

/** The inspector of a visit when staff book, move or hand it over: '' for nobody yet. */
export function InspectorField({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string;
  onChange: (id: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const inspectors = useInspectors();
  return (
    <SelectField
      id={id}
      label={t('visits.inspector')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      <option value="">{t('visits.noInspector')}</option>
      {(inspectors.data ?? []).map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </SelectField>
  );
}
