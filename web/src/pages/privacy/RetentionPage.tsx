import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import './privacy.i18n';

type Setting = components['schemas']['RetentionSetting'];

function Row({ s, canEdit }: { s: Setting; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const qc = useQueryClient();
  const [days, setDays] = useState(String(s.days));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/retention/{kind}', {
          params: { path: { kind: s.kind } },
          body: { days: Number(days) },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['retention'] }),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <li className="card">
      <strong>{s.label[lang]}</strong> <code>{s.kind}</code>
      <p>
        {t('rights.defaultDays')}: {s.defaultDays}
      </p>
      {canEdit ? (
        <form className="filters" onSubmit={onSubmit} noValidate>
          <FormAlert error={save.error} />
          <TextField
            id={`ret-${s.kind}`}
            type="number"
            inputMode="numeric"
            label={t('rights.days')}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            error={fieldError(save.error, 'days')}
          />
          <button className="btn" type="submit" disabled={save.isPending}>
            {t('rights.save')}
          </button>
        </form>
      ) : (
        <p>
          {t('rights.days')}: {s.days}
        </p>
      )}
    </li>
  );
}

/** How long each kind of record is kept; an admin changes a period, the auditor reads them. */
export default function RetentionPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const list = useQuery({ queryKey: ['retention'], queryFn: () => unwrap(api.GET('/api/v1/retention')) });
  return (
    <Page title={t('rights.retentionTitle')}>
      <p>{t('rights.retentionLead')}</p>
      <FormAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
          {list.data?.items.map((s) => (
            <Row key={`${s.kind}-${s.days}`} s={s} canEdit={me?.role === 'program_admin'} />
          ))}
        </ul>
      )}
    </Page>
  );
}
