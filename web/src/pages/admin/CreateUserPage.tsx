import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type components, type Role, unwrap } from '../../api/client';
import { useOrganizations } from '../../api/orgs';
import { ROLES } from '../../app/roles';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { Page } from '../../components/Page';

type CreateUserInput = components['schemas']['CreateUserInput'];
type Created = components['schemas']['CreatedUser'];

const EMPTY = { name: '', email: '', mobile: '', cnic: '', organizationId: '' };

function CreatedPanel({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--success" role="status">
      <p className="alert-title">{t('createUser.done', { name: created.user.name })}</p>
      <p>
        {t('fields.email')}: <span dir="ltr">{created.user.email}</span> · {t(`roles.${created.user.role}`)}
      </p>
      {created.initialPassword ? (
        <>
          <p>{t('createUser.oneTimePassword')}</p>
          <p>
            <code className="secret" data-testid="initial-password" dir="ltr">
              {created.initialPassword}
            </code>
          </p>
          <p className="field-hint">{t('createUser.oneTimePasswordNote')}</p>
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="btn" onClick={onAnother}>
          {t('createUser.another')}
        </button>
        <Link className="btn" to="/admin/users">
          {t('createUser.toList')}
        </Link>
      </div>
    </div>
  );
}

export default function CreateUserPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [role, setRole] = useState<Role>('evaluator');
  const [form, setForm] = useState(EMPTY);
  const [orgError, setOrgError] = useState<string>();
  const needsBank = role === 'bank_officer';
  const orgs = useOrganizations(needsBank ? 'bank' : undefined);
  const create = useMutation({
    mutationFn: (body: CreateUserInput) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (needsBank && !form.organizationId) {
      setOrgError(t('createUser.bankRequired'));
      return;
    }
    setOrgError(undefined);
    const opt = (v: string) => (v.trim() ? v.trim() : undefined);
    create.mutate({
      role,
      name: form.name,
      email: form.email,
      mobile: opt(form.mobile),
      cnic: opt(form.cnic),
      organizationId: opt(form.organizationId),
    });
  };

  if (create.data) {
    return (
      <Page title={t('createUser.title')}>
        <CreatedPanel
          created={create.data}
          onAnother={() => {
            create.reset();
            setForm(EMPTY);
          }}
        />
      </Page>
    );
  }

  return (
    <Page title={t('createUser.title')}>
      <p>{t('createUser.intro')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <FormAlert error={create.error} />
        <SelectField
          id="new-role"
          label={t('fields.role')}
          value={role}
          onChange={(e) => {
            setRole(e.target.value as Role);
            setForm({ ...form, organizationId: '' });
          }}
          error={fieldError(create.error, 'role')}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-name"
          label={t('fields.name')}
          value={form.name}
          onChange={set('name')}
          required
          error={fieldError(create.error, 'name')}
        />
        <TextField
          id="new-email"
          type="email"
          dir="ltr"
          label={t('fields.email')}
          value={form.email}
          onChange={set('email')}
          required
          error={fieldError(create.error, 'email')}
        />
        <SelectField
          id="new-org"
          label={needsBank ? t('createUser.bank') : t('createUser.organizationOptional')}
          hint={needsBank ? t('createUser.bankHint') : undefined}
          value={form.organizationId}
          onChange={set('organizationId')}
          required={needsBank}
          error={orgError ?? fieldError(create.error, 'organizationId')}
        >
          <option value="">{needsBank ? t('createUser.chooseBank') : t('createUser.noOrganization')}</option>
          {orgs.data?.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({o.code})
            </option>
          ))}
        </SelectField>
        <TextField
          id="new-mobile"
          type="tel"
          dir="ltr"
          label={t('createUser.mobileOptional')}
          hint={t('hints.mobile')}
          value={form.mobile}
          onChange={set('mobile')}
          error={fieldError(create.error, 'mobile')}
        />
        <TextField
          id="new-cnic"
          dir="ltr"
          label={t('createUser.cnicOptional')}
          hint={t('hints.cnic')}
          value={form.cnic}
          onChange={set('cnic')}
          error={fieldError(create.error, 'cnic')}
        />
        <p className="field-hint">{t('createUser.passwordNote')}</p>
        <button className="btn btn--primary" type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.wait') : t('createUser.submit')}
        </button>
      </form>
    </Page>
  );
}
