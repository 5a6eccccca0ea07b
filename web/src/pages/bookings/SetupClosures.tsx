import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import type { Center } from './lib';
import './bookings.i18n';
import './manage.i18n';
import './bookings.css';
import { inLang } from '../../lib/names';
import { Section, useSave } from './setup-parts';

export function Closures({ c }: { c: Center }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [f, setF] = useState({ startsOn: '', endsOn: '', reason: '', reasonUr: '' });
  const add = useSave(
    () =>
      unwrap(
        api.POST('/api/v1/centers/{id}/closures', {
          params: { path: { id: c.id } },
          body: {
            startsOn: f.startsOn,
            endsOn: f.endsOn,
            reason: f.reason,
            ...(f.reasonUr.trim() ? { reasonUr: f.reasonUr } : {}),
          },
        }),
      ),
    c.id,
  );
  const datesReady = /^\d{4}-\d{2}-\d{2}$/.test(f.startsOn) && /^\d{4}-\d{2}-\d{2}$/.test(f.endsOn);
  // What the closure would cancel, shown before the owner confirms it.
  const impact = useQuery({
    queryKey: ['closure-impact', c.id, f.startsOn, f.endsOn],
    enabled: datesReady && f.endsOn >= f.startsOn,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/centers/{id}/closures/preview', {
          params: { path: { id: c.id }, query: { startsOn: f.startsOn, endsOn: f.endsOn } },
        }),
      ),
  });
  const remove = useMutation({
    mutationFn: (closureId: string) =>
      unwrap(
        api.DELETE('/api/v1/centers/{id}/closures/{closureId}', {
          params: { path: { id: c.id, closureId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['centre', c.id] }),
  });
  return (
    <Section
      id="closures"
      title={t('bk.setup.closures')}
      onSubmit={() => add.mutate(undefined)}
      pending={add.isPending}
      error={add.error ?? remove.error}
      saved={add.isSuccess}
      submitLabel={
        impact.data?.bookings
          ? t('bk.setup.addClosureCancelling', { bookings: fmt.number(impact.data.bookings) })
          : t('bk.setup.addClosure')
      }
    >
      {c.closures.length ? (
        <ul className="plain-list">
          {c.closures.map((x) => (
            <li key={x.id}>
              {fmt.date(x.startsOn)}
              {x.endsOn !== x.startsOn ? ` – ${fmt.date(x.endsOn)}` : ''}:{' '}
              {inLang(x.reason, x.reasonUr, fmt.lang)}{' '}
              <button
                type="button"
                className="btn btn--small"
                onClick={() => remove.mutate(x.id)}
                disabled={remove.isPending}
              >
                {t('bk.setup.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row-2">
        <TextField
          id="cl-from"
          type="date"
          label={t('bk.setup.startsOn')}
          value={f.startsOn}
          onChange={(e) => setF({ ...f, startsOn: e.target.value, endsOn: f.endsOn || e.target.value })}
          error={fieldError(add.error, 'startsOn')}
        />
        <TextField
          id="cl-to"
          type="date"
          label={t('bk.setup.endsOn')}
          value={f.endsOn}
          onChange={(e) => setF({ ...f, endsOn: e.target.value })}
          error={fieldError(add.error, 'endsOn')}
        />
      </div>
      <TextField
        id="cl-reason"
        label={t('bk.setup.reason')}
        value={f.reason}
        onChange={(e) => setF({ ...f, reason: e.target.value })}
        error={fieldError(add.error, 'reason')}
      />
      <TextField
        id="cl-reason-ur"
        label={t('bk.setup.reasonUr')}
        value={f.reasonUr}
        dir="rtl"
        lang="ur"
        onChange={(e) => setF({ ...f, reasonUr: e.target.value })}
        error={fieldError(add.error, 'reasonUr')}
      />
      {impact.data ? (
        <p
          role="status"
          className={impact.data.bookings ? 'cancel-reason' : 'field-hint'}
          data-testid="closure-impact"
        >
          {impact.data.bookings || impact.data.waitlist
            ? t('bk.setup.closureImpact', {
                bookings: fmt.number(impact.data.bookings),
                waitlist: fmt.number(impact.data.waitlist),
              })
            : t('bk.setup.closureImpactNone')}
        </p>
      ) : null}
    </Section>
  );
}
