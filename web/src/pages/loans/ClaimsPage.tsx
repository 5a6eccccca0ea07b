import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../api/client';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Page } from '../../components/Page';
import { ClaimsTable, QuartersTable } from './ClaimParts';
import { CLAIMS_KEY, claimProblemPlace, claimProblemText, QUARTERS_KEY } from './claims-lib';
import './loans.i18n';

/** The problems the server found in a claim file, each with its row and column. */
function FileProblems({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const lines = error.fields.filter((f) => f.path.startsWith('csv'));
  if (!lines.length) return null;
  return (
    <div className="alert alert--error" role="alert">
      <p className="alert-title">{t('loans.claims.file.problems')}</p>
      <ul>
        {lines.map((f) => {
          const { row, col } = claimProblemPlace(f.path);
          const place =
            row === null
              ? 'CSV'
              : col
                ? t('loans.claims.file.rowCol', { row, col })
                : t('loans.claims.file.row', { row });
          const said = claimProblemText(f, i18n.language, t);
          return (
            <li key={`${f.path}-${f.message}`}>
              <strong>{place}</strong>:{' '}
              {said.lang === 'en' ? (
                <span lang="en" dir="ltr">
                  {said.text}
                </span>
              ) : (
                said.text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function FileClaimForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const quarters = useQuery({
    queryKey: QUARTERS_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/loans/claims/quarters')),
  });
  const [quarter, setQuarter] = useState('');
  const [csv, setCsv] = useState<string | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const file = useMutation({
    mutationFn: (body: { quarter: string; csv: string }) =>
      unwrap(api.POST('/api/v1/loans/claims', { body })),
    onSuccess: async (claim) => {
      await qc.invalidateQueries({ queryKey: CLAIMS_KEY });
      navigate(`/loans/claims/${claim.id}`, { state: { filed: true } });
    },
  });
  const open = (quarters.data ?? []).filter((q) => !q.claimId);
  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!quarter) problems.quarter = t('loans.required');
    if (!csv) problems.csv = t('loans.required');
    setLocal(problems);
    if (!quarter || !csv) return;
    file.mutate({ quarter, csv });
  }
  return (
    <section aria-labelledby="file-claim">
      <h2 id="file-claim">{t('loans.claims.file.title')}</h2>
      {quarters.data && open.length === 0 ? (
        <p>{t('loans.claims.file.noQuarter')}</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <p>{t('loans.claims.file.intro')}</p>
          {file.error instanceof ApiError && file.error.fields.some((f) => f.path.startsWith('csv')) ? (
            <FileProblems error={file.error} />
          ) : (
            <FormAlert error={file.error} />
          )}
          <SelectField
            id="quarter"
            label={t('loans.claims.file.quarter')}
            value={quarter}
            onChange={(e) => setQuarter(e.target.value)}
            error={local.quarter ?? fieldError(file.error, 'quarter')}
            required
          >
            <option value="">{t('loans.request.choose')}</option>
            {open.map((q) => (
              <option key={q.quarter} value={q.quarter}>
                {q.quarter}
              </option>
            ))}
          </SelectField>
          <TextField
            id="csv"
            type="file"
            accept=".csv,text/csv"
            label={t('loans.claims.file.file')}
            error={local.csv}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              setCsv(f ? await f.text() : null);
            }}
            required
          />
          <button type="submit" className="btn btn--primary" disabled={file.isPending}>
            {t('loans.claims.file.submit')}
          </button>
          <p className="field-hint">{t('loans.claims.file.api')}</p>
        </form>
      )}
    </section>
  );
}

/** Banks see their own quarters and claims and file; the admin and auditors see every bank's. */
export default function ClaimsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isBank = me.data?.role === 'bank_officer';
  return (
    <Page title={t('loans.claims.title')} wide>
      <p className="lead">{t('loans.claims.lead')}</p>
      <QuartersTable showBank={!isBank} canFile={isBank} />
      {isBank ? <FileClaimForm /> : null}
      <ClaimsTable showBank={!isBank} />
    </Page>
  );
}
