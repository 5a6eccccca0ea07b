import { useMutation } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
// Its words live with the account pages' strings; the component loads them itself, so a page of
// another area that uses it (corrections, fund files) does not show the keys instead.
import './manage.i18n';

/** Posts one file as multipart/form-data (part "file") with the session's CSRF token. */
async function postFile(url: string, file: File): Promise<void> {
  const session = await unwrap(api.GET('/api/v1/me'));
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(url, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { 'X-CSRF-Token': session.csrfToken },
  });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => ({})));
}

/** A labelled file picker and an upload button; the server checks the type by content. */
export function FileUpload({
  url,
  label,
  accept,
  onDone,
}: {
  url: string;
  label: string;
  accept: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const send = useMutation({
    mutationFn: async () => {
      const file = ref.current?.files?.[0];
      if (!file) throw new ApiError(400, { code: 'validation_failed', detail: t('bk.upload.choose') });
      await postFile(url, file);
    },
    onSuccess: () => {
      if (ref.current) ref.current.value = '';
      onDone();
    },
  });
  return (
    <div className="file-upload">
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={ref} type="file" accept={accept} />
      <button
        type="button"
        className="btn btn--small"
        onClick={() => send.mutate()}
        disabled={send.isPending}
      >
        {t('bk.upload.send')}
      </button>
      <FormAlert error={send.error} />
      {send.isSuccess ? <p role="status">{t('bk.upload.done')}</p> : null}
    </div>
  );
}
