import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Role, type User, unwrap } from '../../api/client';
import { ROLES } from '../../app/roles';
import { useMe } from '../../app/session';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert } from '../../components/FormAlert';
import { Loading, Page } from '../../components/Page';
import { ScrollTable } from '../../components/Table';
import { useFormat } from '../../lib/useFormat';
import { RevealButton } from '../data-access/RevealButton';

const PAGE = 50;

/** Enable or disable an account (programme admin); a disabled person cannot log in. */
function StatusButton({ user }: { user: User }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const next = user.status === 'active' ? 'disabled' : 'active';
  const set = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/users/{id}/status', { params: { path: { id: user.id } }, body: { status: next } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
  const onClick = () => {
    if (next === 'active' || window.confirm(t('users.confirmDisable', { name: user.name }))) set.mutate();
  };
  return (
    <>
      <button
        type="button"
        className={`btn ${next === 'disabled' ? 'btn--danger' : 'btn--small'}`}
        onClick={onClick}
        disabled={set.isPending}
      >
        {next === 'disabled' ? t('users.disable') : t('users.enable')}
        <span className="visually-hidden"> {user.name}</span>
      </button>
      {set.error ? <FormAlert error={set.error} /> : null}
    </>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [role, setRole] = useState<Role | ''>('');
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const fmt = useFormat();
  const isAdmin = me?.role === 'program_admin';
  const users = useQuery({
    queryKey: ['users', role, q, offset],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { limit: PAGE, offset, ...(role ? { role } : {}), ...(q ? { q } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    setOffset(0);
    setQ(search.trim());
  };
  const total = users.data?.total ?? 0;
  return (
    <Page title={t('users.title')} wide>
      {isAdmin ? (
        <p>
          <Link className="btn btn--primary" to="/admin/users/new">
            {t('users.create')}
          </Link>
        </p>
      ) : null}
      <search>
        <form className="filters" onSubmit={onSearch}>
          <SelectField
            id="users-role"
            label={t('fields.role')}
            value={role}
            onChange={(e) => {
              setOffset(0);
              setRole(e.target.value as Role | '');
            }}
          >
            <option value="">{t('common.all')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            id="users-q"
            type="search"
            label={t('users.search')}
            hint={t('users.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button className="btn" type="submit">
            {t('common.search')}
          </button>
        </form>
      </search>
      <FormAlert error={users.error} />
      {users.isPending ? (
        <Loading />
      ) : (
        <>
          <p role="status">{t('users.count', { count: total, formatted: fmt.number(total) })}</p>
          <ScrollTable label={t('users.title')}>
            <thead>
              <tr>
                <th scope="col">{t('fields.name')}</th>
                <th scope="col">{t('fields.email')}</th>
                <th scope="col">{t('dataAccess.fields.cnic')}</th>
                <th scope="col">{t('dataAccess.fields.mobile')}</th>
                <th scope="col">{t('fields.role')}</th>
                <th scope="col">{t('fields.organization')}</th>
                <th scope="col">{t('fields.status')}</th>
                <th scope="col">{t('fields.created')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data?.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.name}</td>
                  <td dir="ltr">{u.email}</td>
                  <td dir="ltr">{u.cnic ?? '—'}</td>
                  <td dir="ltr">{u.mobile ?? '—'}</td>
                  <td>{t(`roles.${u.role}`)}</td>
                  <td>{u.organizationName ?? '—'}</td>
                  <td>{t(`status.${u.status}`)}</td>
                  <td>{fmt.date(u.createdAt)}</td>
                  <td>
                    {u.id === me?.id ? (
                      '—'
                    ) : (
                      <div className="actions">
                        <RevealButton user={u} />
                        {isAdmin ? <StatusButton user={u} /> : null}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollTable>
          <div className="pager">
            <button
              type="button"
              className="btn"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('common.previous')}
            </button>
            <button
              type="button"
              className="btn"
              disabled={offset + PAGE >= total}
              onClick={() => setOffset(offset + PAGE)}
            >
              {t('common.next')}
            </button>
          </div>
        </>
      )}
    </Page>
  );
}
