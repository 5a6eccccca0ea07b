import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { useFormat } from '../../lib/useFormat';
import { MAX_UPLOAD_BYTES } from './application-form';
import { type Application, useT } from './shared';

/** Sends a file with progress; XMLHttpRequest because fetch cannot report upload progress. */
async function uploadWithProgress(
  applicationId: string,
  file: File,
  kind: 'document' | 'photo',
  title: string,
  onProgress: (pct: number) => void,
): Promise<void> {
  const session = await unwrap(api.GET('/api/v1/me'));
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const q = new URLSearchParams({ kind, title });
    xhr.open('POST', `/api/v1/applications/${applicationId}/documents?${q}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-CSRF-Token', session.csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let problem = {};
      try {
        problem = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: the status says enough.
      }
      reject(new ApiError(xhr.status, problem));
    };
    xhr.onerror = () => reject(new ApiError(0, { code: 'network', detail: 'upload failed' }));
    const body = new FormData();
    body.append('file', file);
    xhr.send(body);
  });
}

export function Documents({ app }: { app: Application }) {
  const t = useT();
  const fmt = useFormat();
  const qc = useQueryClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<'document' | 'photo'>('document');
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: async () => {
      const file = fileRef.current?.files?.[0];
      if (!file)
        throw new ApiError(400, {
          code: 'validation_failed',
          fields: [{ path: 'file', message: t('chooseFile') }],
        });
      if (file.size > MAX_UPLOAD_BYTES)
        throw new ApiError(413, {
          code: 'payload_too_large',
          fields: [{ path: 'file', message: t('fileTooLarge') }],
        });
      setProgress(0);
      await uploadWithProgress(app.id, file, kind, title, setProgress);
    },
    onSettled: () => setProgress(null),
    onSuccess: () => {
      setTitle('');
      if (fileRef.current) fileRef.current.value = '';
      void qc.invalidateQueries({ queryKey: ['application', app.id] });
    },
  });
  const remove = useMutation({
    mutationFn: (documentId: string) =>
      unwrap(
        api.DELETE('/api/v1/applications/{id}/documents/{documentId}', {
          params: { path: { id: app.id, documentId } },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['application', app.id] }),
  });
  return (
    <section aria-labelledby="docs-h" className="card">
      <h2 id="docs-h">{t('documents')}</h2>
      {app.documents.length === 0 ? <p>{t('noDocuments')}</p> : null}
      <ul className="plain-list">
        {app.documents.map((d) => (
          <li key={d.id}>
            <a href={`/api/v1/applications/${app.id}/documents/${d.id}`}>{d.title}</a> ({t(`kind.${d.kind}`)},{' '}
            {fmt.number(Math.ceil(d.sizeBytes / 1024))} KB){' '}
            <button
              type="button"
              className="btn btn--danger"
              onClick={() => remove.mutate(d.id)}
              disabled={remove.isPending}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <FormAlert error={upload.error ?? remove.error} />
      <SelectField
        id="doc-kind"
        label={t('docKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as 'document' | 'photo')}
      >
        <option value="document">{t('kind.document')}</option>
        <option value="photo">{t('kind.photo')}</option>
      </SelectField>
      <TextField
        id="doc-title"
        label={t('docTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <div className={`field${fieldError(upload.error, 'file') ? ' field--invalid' : ''}`}>
        <label htmlFor="doc-file">{t('file')}</label>
        <p className="field-hint" id="doc-file-hint">
          {kind === 'photo' ? t('photoHint') : t('fileHint')}
        </p>
        <input
          id="doc-file"
          ref={fileRef}
          type="file"
          accept={kind === 'photo' ? 'image/jpeg,image/png' : 'application/pdf,image/jpeg,image/png'}
          aria-describedby={`doc-file-hint${fieldError(upload.error, 'file') ? ' doc-file-error' : ''}`}
        />
        {fieldError(upload.error, 'file') ? (
          <p className="field-error" id="doc-file-error">
            {fieldError(upload.error, 'file')}
          </p>
        ) : null}
      </div>
      {progress !== null ? (
        <progress max={100} value={progress} aria-label={t('uploading')}>
          {progress}%
        </progress>
      ) : null}
      <p>
        <button type="button" className="btn" onClick={() => upload.mutate()} disabled={upload.isPending}>
          {upload.isPending ? t('wait') : t('upload')}
        </button>
      </p>
    </section>
  );
}
