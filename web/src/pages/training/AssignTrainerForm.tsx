import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { CentreSelect, TrainerPicker } from './Pickers';

/** Staff assign a trainer, found by name or CNIC, to a centre from a day. */
export function AssignTrainerForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ centerId: '', trainerId: '', startsOn: '' });
  const assign = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/training/trainer-assignments', { body: { ...f, endsOn: null } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['training-assignments'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  return (
    <form className="card card--muted" onSubmit={submit} noValidate>
      <h2>{t('tr.assign')}</h2>
      <FormAlert error={assign.error} />
      <CentreSelect
        id="assign-centre"
        value={f.centerId}
        onChange={(centerId) => setF({ ...f, centerId })}
        error={fieldError(assign.error, 'centerId')}
      />
      <TrainerPicker
        id="assign-trainer"
        value={f.trainerId}
        onChange={(trainerId) => setF({ ...f, trainerId })}
        error={fieldError(assign.error, 'trainerId')}
      />
      <TextField
        id="assign-from"
        type="date"
        label={t('tr.from')}
        value={f.startsOn}
        onChange={(e) => setF({ ...f, startsOn: e.target.value })}
        error={fieldError(assign.error, 'startsOn')}
      />
      <button type="submit" className="btn btn--primary">
        {t('tr.save')}
      </button>
      {assign.isSuccess ? <p role="status">✓ {t('tr.assignedOk')}</p> : null}
    </form>
  );
}
