import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import './privacy.i18n';

type Closure = components['schemas']['AccountClosure'];

function Decide({ c }: { c: Closure }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'close' | 'reject') =>
      unwrap(
        api.POST('/api/v1/closures/{id}/decision', {
          params: { path: { id: c.id } },
          body: { decision, note },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['closures'] }),
  });
  return (
    <div className="stack">
      <FormAlert error={decide.error} />
      <TextField
        id={`closure-note-${c.id}`}
        label={t('rights.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={fieldError(decide.error, 'note')}
      />
      <div className="actions">
        <button
          className="btn btn--danger"
          type="button"
          onClick={() => decide.mutate('close')}
          disabled={decide.isPending}
        >
          {t('rights.closeAccount')}
        </button>{' '}
        <button
          className="btn"
          type="button"
          onClick={() => decide.mutate('reject')}
          disabled={decide.isPending}
        >
          {t('rights.reject')}
        </button>
      </div>
    </div>
  );
}

/** Staff's list of account closures; the ones waiting for a review are decided here. */
export default function ClosuresReviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const fmt = useFormat();
  const list = useQuery({ queryKey: ['closures'], queryFn: () => unwrap(api.GET('/api/v1/closures')) });
  return (
    <Page title={t('rights.closuresTitle')} wide>
      <p>{t('rights.closuresLead')}</p>
      <FormAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data?.items.length ? (
        <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((c) => (
            <li key={c.id} className="card">
              <strong>{c.userName}</strong> · {t(`rights.closureStatus.${c.status}`)} ·{' '}
              {fmt.dateTime(c.requestedAt)}
              {c.reason ? <p>{c.reason}</p> : null}
              {c.obligations.length ? (
                <ul>
                  {c.obligations.map((o) => (
                    <li key={o.code}>{o.message[lang]}</li>
                  ))}
                </ul>
              ) : null}
              {c.decisionNote ? <p>{c.decisionNote}</p> : null}
              {c.status === 'review' ? <Decide c={c} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p role="status">{t('rights.noRequests')}</p>
      )}
    </Page>
  );
}
