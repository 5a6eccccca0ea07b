import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import type { Center } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { Section, STATUSES, type Status, useSave } from './setup-parts';

export function StatusSection({ c }: { c: Center }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [f, setF] = useState({ status: STATUSES.find((s) => s !== c.status) ?? 'operational', reason: '' });
  const stopping = f.status === 'suspended' || f.status === 'closed';
  const impact = useQuery({
    queryKey: ['status-impact', c.id, f.status],
    enabled: stopping,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/status/preview', {
          params: { path: { id: c.id }, query: { status: f.status } },
        }),
      ),
  });
  const save = useSave(
    () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/status', {
          params: { path: { id: c.id } },
          body: { status: f.status, reason: f.reason },
        }),
      ),
    c.id,
  );
  return (
    <Section
      id="status"
      title={t('bk.setup.status')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
      submitLabel={t('bk.setup.changeStatus')}
    >
      <p>
        {t('bk.setup.current', { status: t(`bk.centreStatus.${c.status}`) })}
        {c.statusReason ? ` — ${c.statusReason}` : ''}
      </p>
      <SelectField
        id="st-status"
        label={t('bk.setup.newStatus')}
        value={f.status}
        onChange={(e) => setF({ ...f, status: e.target.value as Status })}
        error={fieldError(save.error, 'status')}
      >
        {STATUSES.filter((s) => s !== c.status).map((s) => (
          <option key={s} value={s}>
            {t(`bk.centreStatus.${s}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id="st-reason"
        label={t('bk.setup.reason')}
        value={f.reason}
        onChange={(e) => setF({ ...f, reason: e.target.value })}
        error={fieldError(save.error, 'reason')}
        required
      />
      {stopping && impact.data && (impact.data.bookings || impact.data.waitlist) ? (
        <p role="status" className="cancel-reason">
          {t('bk.setup.statusImpact', {
            bookings: fmt.number(impact.data.bookings),
            waitlist: fmt.number(impact.data.waitlist),
          })}
        </p>
      ) : null}
    </Section>
  );
}
