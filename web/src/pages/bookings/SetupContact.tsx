import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { fieldError } from '../../components/FormAlert';
import type { Center } from './lib';
import { Section, useSave } from './setup-parts';
import './booking-extras.i18n';

/** The centre's public phone: shown on its page and on every booking (empty removes it). */
export function CentreContactSection({ c }: { c: Center }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState(c.phone ?? '');
  const save = useSave(
    () =>
      unwrap(
        api.PATCH('/api/v1/centers/{id}', {
          params: { path: { id: c.id } },
          body: { phone: phone.trim() === '' ? null : phone },
        }),
      ),
    c.id,
  );
  return (
    <Section
      id="contact"
      title={t('bk.extra.phoneTitle')}
      onSubmit={() => save.mutate(undefined)}
      pending={save.isPending}
      error={save.error}
      saved={save.isSuccess}
    >
      <TextField
        id="centre-phone"
        label={t('bk.extra.phone')}
        hint={t('bk.extra.phoneHint')}
        type="tel"
        autoComplete="tel"
        dir="ltr"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={fieldError(save.error, 'phone')}
      />
    </Section>
  );
}
