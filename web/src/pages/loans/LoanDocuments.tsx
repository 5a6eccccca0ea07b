import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { SelectField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import type { Loan } from './lib';
import './documents.i18n';

type Kind = components['schemas']['LoanDocument']['kind'];
const KINDS: Kind[] = ['sanction_letter', 'agreement', 'disbursement_proof', 'repayment_proof', 'other'];

async function uploadDocument(loanId: string, kind: Kind, file: File) {
  const session = await unwrap(api.GET('/api/v1/me'));
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/api/v1/loans/${loanId}/documents?kind=${kind}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': session.csrfToken },
    body,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json);
  return json as components['schemas']['LoanDocument'];
}

/** The loan's documents for its owner, its bank and staff; its bank and the admin add them. */
export function LoanDocuments({
  loan,
  canUpload,
  staff,
}: {
  loan: Loan;
  canUpload: boolean;
  /** Programme staff: their downloads say the purpose (loan servicing), recorded against the owner. */
  staff: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const key = ['loan-documents', loan.id];
  const docs = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/loans/{id}/documents', { params: { path: { id: loan.id } } })),
  });
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>('sanction_letter');
  const [local, setLocal] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: (file: File) => uploadDocument(loan.id, kind, file),
    onSuccess: () => {
      if (fileRef.current) fileRef.current.value = '';
      void qc.invalidateQueries({ queryKey: key });
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setLocal(file ? undefined : t('loans.documents.chooseFile'));
    if (file) send.mutate(file);
  }
  const fileError = local ?? fieldError(send.error, 'file');
  return (
    <section aria-labelledby="loan-docs">
      <h2 id="loan-docs">{t('loans.documents.title')}</h2>
      {docs.isError ? <FormAlert error={docs.error} /> : null}
      {docs.data && docs.data.length === 0 ? <p>{t('loans.documents.none')}</p> : null}
      {docs.data && docs.data.length > 0 ? (
        <ScrollTable label={t('loans.documents.title')}>
          <thead>
            <tr>
              <th scope="col">{t('loans.documents.colKind')}</th>
              <th scope="col">{t('loans.documents.colFile')}</th>
              <th scope="col">{t('loans.documents.colSize')}</th>
              <th scope="col">{t('loans.documents.colWhen')}</th>
            </tr>
          </thead>
          <tbody>
            {docs.data.map((d) => (
              <tr key={d.id}>
                <td>{t(`loans.documents.kind.${d.kind}`)}</td>
                <td>
                  <a
                    href={`/api/v1/loans/${loan.id}/documents/${d.id}${staff ? '?purpose=loan_servicing' : ''}`}
                    download={d.fileName}
                  >
                    {d.fileName}
                  </a>
                </td>
                <td>
                  {t('loans.documents.kb', { n: fmt.number(Math.max(1, Math.round(d.sizeBytes / 1024))) })}
                </td>
                <td>{fmt.dateTime(d.uploadedAt)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
      {canUpload ? (
        <form className="form" onSubmit={submit} noValidate aria-label={t('loans.documents.upload')}>
          {send.isSuccess ? (
            <Notice kind="success">{t('loans.documents.uploaded', { name: send.data.fileName })}</Notice>
          ) : null}
          <FormAlert error={send.error} />
          <SelectField
            id="doc-kind"
            label={t('loans.documents.kindLabel')}
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            error={fieldError(send.error, 'kind')}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`loans.documents.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <div className={`field${fileError ? ' field--invalid' : ''}`}>
            <label htmlFor="doc-file">{t('loans.documents.file')}</label>
            <p className="field-hint" id="doc-file-hint">
              {t('loans.documents.fileHint')}
            </p>
            <input
              id="doc-file"
              ref={fileRef}
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby={fileError ? 'doc-file-hint doc-file-error' : 'doc-file-hint'}
              aria-invalid={fileError ? true : undefined}
            />
            {fileError ? (
              <p className="field-error" id="doc-file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn btn--primary" disabled={send.isPending}>
            {t('loans.documents.upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
