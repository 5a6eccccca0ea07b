import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { useFormat } from '../../lib/useFormat';
import '../data-access/data-access.i18n';
import './privacy.i18n';

type Request = components['schemas']['CorrectionRequest'];
const PURPOSES = [
  'complaint',
  'application_review',
  'training_administration',
  'fraud_investigation',
  'legal_request',
] as const;
type Purpose = (typeof PURPOSES)[number];

function Review({ r }: { r: Request }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const qc = useQueryClient();
  const [purpose, setPurpose] = useState<Purpose>('complaint');
  const [reason, setReason] = useState('');
  const full = useMutation({
    mutationFn: () =>
      unwrap(api.GET('/api/v1/corrections/{id}', { params: { path: { id: r.id }, query: { purpose } } })),
  });
  const decide = useMutation({
    mutationFn: (decision: 'approved' | 'rejected') =>
      unwrap(
        api.POST('/api/v1/corrections/{id}/decision', {
          params: { path: { id: r.id } },
          body: { decision, reason },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['corrections'] }),
  });
  const onOpen = (e: FormEvent) => {
    e.preventDefault();
    full.mutate();
  };
  return (
    <div className="stack">
      <form className="filters" onSubmit={onOpen} noValidate>
        <SelectField
          id={`corr-purpose-${r.id}`}
          label={t('rights.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value as Purpose)}
          error={fieldError(full.error, 'purpose')}
        >
          {PURPOSES.map((p) => (
            <option key={p} value={p}>
              {t(`dataAccess.purposes.${p}`)}
            </option>
          ))}
        </SelectField>
        <button className="btn" type="submit" disabled={full.isPending}>
          {t('rights.open')}
        </button>
      </form>
      <FormAlert error={full.error} />
      {full.data ? (
        <dl>
          <dt>{t('rights.current')}</dt>
          <dd>
            <bdi>{full.data.current ?? t('rights.none')}</bdi>
          </dd>
          <dt>{t('rights.asked')}</dt>
          <dd>
            <bdi>{full.data.requested}</bdi>
          </dd>
          {r.evidenceFile ? (
            <>
              <dt>{t('rightsEvidence.file')}</dt>
              <dd>
                {/* Opened with the purpose chosen above: the look is recorded (decision 0077). */}
                <a
                  href={`/api/v1/corrections/${r.id}/evidence?purpose=${purpose}`}
                  download={r.evidenceFile.fileName}
                >
                  <bdi>{r.evidenceFile.fileName}</bdi>
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <FormAlert error={decide.error} />
      <TextField
        id={`corr-reason-${r.id}`}
        label={t('rights.decisionReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldError(decide.error, 'reason')}
      />
      <div className="actions">
        <button
          className="btn btn--primary"
          type="button"
          onClick={() => decide.mutate('approved')}
          disabled={decide.isPending}
        >
          {t('rights.approve')} ({r.label[lang]})
        </button>{' '}
        <button
          className="btn"
          type="button"
          onClick={() => decide.mutate('rejected')}
          disabled={decide.isPending}
        >
          {t('rights.reject')}
        </button>
      </div>
    </div>
  );
}

/** Staff review people's correction requests: approve (the field changes) or reject with a reason. */
export default function CorrectionsReviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const fmt = useFormat();
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected' | ''>('pending');
  const list = useQuery({
    queryKey: ['corrections', status],
    queryFn: () => unwrap(api.GET('/api/v1/corrections', { params: { query: status ? { status } : {} } })),
  });
  return (
    <Page title={t('rights.reviewTitle')} wide>
      <p>{t('rights.reviewLead')}</p>
      <SelectField
        id="corr-status"
        label={t('rights.statusFilter')}
        value={status}
        onChange={(e) => setStatus(e.target.value as typeof status)}
      >
        <option value="pending">{t('rights.status.pending')}</option>
        <option value="approved">{t('rights.status.approved')}</option>
        <option value="rejected">{t('rights.status.rejected')}</option>
        <option value="">{t('rights.all')}</option>
      </SelectField>
      <FormAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data?.items.length ? (
        <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((r) => (
            <li key={r.id} className="card">
              <strong>
                {r.userName}: {r.label[lang]}
              </strong>{' '}
              · {t(`rights.status.${r.status}`)} · {fmt.dateTime(r.createdAt)}
              <p>
                {t('rights.asked')}: <bdi>{r.requested}</bdi>
              </p>
              <p>
                {t('rights.why')}: {r.reason}
              </p>
              {r.evidence ? <p>{r.evidence}</p> : null}
              {r.evidenceFile ? <p>{t('rightsEvidence.hasFile')}</p> : null}
              {r.status === 'pending' ? (
                <Review r={r} />
              ) : r.decisionReason ? (
                <p>{t('rights.decisionBy', { reason: `${r.decisionReason} (${r.decidedBy ?? ''})` })}</p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p role="status">{t('rights.noRequests')}</p>
      )}
    </Page>
  );
}
