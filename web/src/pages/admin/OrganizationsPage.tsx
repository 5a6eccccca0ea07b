import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ORG_KINDS, type OrgKind, useOrganizations } from '../../api/orgs';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError, Notice } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useOrganizations();
  const [kind, setKind] = useState<OrgKind>('bank');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/organizations', { body: { kind, code, name } })),
    onSuccess: () => {
      setCode('');
      setName('');
      return qc.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const fmt = useFormat();
  return (
    <Page title={t('orgs.title')} wide>
      <FormAlert error={orgs.error} />
      {orgs.isPending ? (
        <Loading />
      ) : (
        <ScrollTable label={t('orgs.title')}>
          <thead>
            <tr>
              <th scope="col">{t('orgs.code')}</th>
              <th scope="col">{t('common.name')}</th>
              <th scope="col">{t('orgs.kind')}</th>
              <th scope="col">{t('fields.created')}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.data?.map((o) => (
              <tr key={o.id}>
                <td dir="ltr">{o.code}</td>
                <td>{o.name}</td>
                <td>{t(`orgKinds.${o.kind}`)}</td>
                <td>{fmt.date(o.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <form className="form" onSubmit={onSubmit} noValidate aria-labelledby="org-new">
        <h2 id="org-new">{t('orgs.create')}</h2>
        {create.isSuccess ? (
          <Notice kind="success">{t('orgs.created', { name: create.data.name })}</Notice>
        ) : null}
        <FormAlert error={create.error} />
        <SelectField
          id="org-kind"
          label={t('orgs.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as OrgKind)}
          error={fieldError(create.error, 'kind')}
        >
          {ORG_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`orgKinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="org-code"
          label={t('orgs.code')}
          hint={t('orgs.codeHint')}
          dir="ltr"
          autoCapitalize="characters"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          error={fieldError(create.error, 'code')}
        />
        <TextField
          id="org-name"
          label={t('common.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
        />
        <button className="btn btn--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.wait') : t('orgs.submit')}
        </button>
      </form>
    </Page>
  );
}
