import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, type components, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { TextField } from '../../components/Field';
import { FormAlert, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { BankConsents } from './BankConsents';
import { DisputesList } from './Disputes';
import { HolderKey } from './HolderKey';
import { BatchProblems, useUsd } from './lib';
import { SigningKeys } from './SigningKeys';
import { uploadBatchFile } from './uploadFile';
import './remittances.css';

type Batch = components['schemas']['RemittanceBatch'];
const KEY = ['remittances', 'batches'];

function UploadForm() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [csv, setCsv] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  // The file itself, streamed to /batches/file (any size); pasted text goes the same way.
  const upload = useMutation({
    mutationFn: () => {
      setSent({ sent: 0, total: file?.size ?? csv.length });
      return uploadBatchFile(file ?? new Blob([csv], { type: 'text/csv' }), file?.name, (s, total) =>
        setSent({ sent: s, total }),
      );
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: KEY }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate();
  };
  const b = upload.data;
  return (
    <form className="card card--muted form" onSubmit={submit} noValidate>
      {upload.error instanceof ApiError && upload.error.fields.length ? (
        <BatchProblems error={upload.error} />
      ) : (
        <FormAlert error={upload.error} />
      )}
      {b ? (
        <Notice kind="success">
          {b.duplicate
            ? t('remit.duplicate', { d: fmt.dateTime(b.submittedAt) })
            : t('remit.uploaded', {
                n: fmt.number(b.lineCount),
                a: fmt.number(b.newLines),
                c: fmt.number(b.correctedLines),
                u: fmt.number(b.unchangedLines),
              })}
        </Notice>
      ) : null}
      {b?.notCounted.length ? (
        <Notice kind="info">
          {t('remit.notCounted', { rows: b.notCounted.map((l) => fmt.number(l.row)).join(', ') })}
        </Notice>
      ) : null}
      <TextField
        id="csvFile"
        type="file"
        accept=".csv,text/csv"
        label={t('remit.csvFile')}
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          setCsv('');
        }}
      />
      {upload.isPending && sent ? (
        <p role="status">
          {t('remit.uploadProgress', {
            p: fmt.number(sent.total ? Math.floor((sent.sent / sent.total) * 100) : 0),
            size: fmt.number(Math.ceil(sent.total / 1024)),
          })}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="csvText">{t('remit.csvText')}</label>
        <p className="field-hint remit-wrap" id="csvText-hint" dir="ltr">
          {t('remit.csvHint')}
        </p>
        <textarea
          id="csvText"
          className="remit-csv"
          dir="ltr"
          aria-describedby="csvText-hint"
          value={csv}
          disabled={!!file}
          onChange={(e) => setCsv(e.target.value)}
        />
      </div>
      <p className="field-hint">{t('remit.codes')}</p>
      <button type="submit" className="btn btn--primary" disabled={(!csv && !file) || upload.isPending}>
        {t('remit.upload')}
      </button>
    </form>
  );
}

export function BatchesTable({ batches, showBank }: { batches: Batch[]; showBank: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const usd = useUsd();
  return (
    <ScrollTable label={t('remit.batches')} stack>
      <thead>
        <tr>
          <th scope="col">{t('remit.submittedAt')}</th>
          {showBank ? <th scope="col">{t('remit.bank')}</th> : null}
          <th scope="col">{t('remit.source')}</th>
          <th scope="col">{t('remit.lines')}</th>
          <th scope="col">{t('remit.usd')}</th>
        </tr>
      </thead>
      <tbody>
        {batches.map((b) => (
          <tr key={b.id}>
            <td data-label={t('remit.submittedAt')}>{fmt.dateTime(b.submittedAt)}</td>
            {showBank ? <td data-label={t('remit.bank')}>{b.bankCode}</td> : null}
            <td data-label={t('remit.source')}>
              {t(`remit.sourceKind.${b.source}`)}
              {b.fileName ? (
                <span className="field-hint" dir="ltr">
                  {' '}
                  {b.fileName}
                </span>
              ) : null}
            </td>
            <td className="num" data-label={t('remit.lines')}>
              {fmt.number(b.lineCount)}
            </td>
            <td className="num" data-label={t('remit.usd')}>
              {usd(b.usd)}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

/** A bank officer uploads the month's file and sees the bank's own batches; staff see every bank's. */
export default function BankRemittancesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isBank = me.data?.role === 'bank_officer';
  const batches = useQuery({ queryKey: KEY, queryFn: () => unwrap(api.GET('/api/v1/remittances/batches')) });
  return (
    <Page title={t('remit.bankTitle')} wide>
      <p className="lead">{t('remit.bankIntro')}</p>
      {isBank ? <UploadForm /> : null}
      {isBank ? <BankConsents /> : null}
      {isBank ? <DisputesList side="bank" /> : null}
      {isBank ? <HolderKey /> : null}
      {isBank ? <SigningKeys /> : null}
      <section aria-labelledby="remit-batches">
        <h2 id="remit-batches">{t('remit.batches')}</h2>
        {batches.isPending ? <Loading /> : null}
        <FormAlert error={batches.error} />
        {batches.data?.length === 0 ? <p>{t('remit.noBatches')}</p> : null}
        {batches.data?.length ? <BatchesTable batches={batches.data} showBank={!isBank} /> : null}
      </section>
    </Page>
  );
}
