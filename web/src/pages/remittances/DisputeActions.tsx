import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type components, unwrap } from '../../api/client';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';
import { TextAction } from './TextAction';

// What each side may do with a dispute: the bank answers, the freelancer escalates a confirmed
// figure to staff, staff close an unanswered or escalated one with a note.

type Dispute = components['schemas']['RemittanceDispute'];

/** Dollars as typed ('1450', '1450.50') in cents, or null. */
export const cents = (s: string) =>
  /^\d{1,10}(\.\d{1,2})?$/.test(s.trim()) ? Math.round(Number(s.trim()) * 100) : null;

export function Answer({ d }: { d: Dispute }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [decision, setDecision] = useState<'confirm' | 'correct'>('confirm');
  const [amount, setAmount] = useState('');
  const [text, setText] = useState('');
  const answer = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/remittances/disputes/{id}/answer', {
          params: { path: { id: d.id } },
          body: { decision, correctedUsdMinor: decision === 'correct' ? cents(amount) : null, text },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['remittances'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    answer.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="remit-answer">
      <FormAlert error={answer.error} />
      <SelectField
        id={`answer-${d.id}`}
        label={t('remit.answer')}
        value={decision}
        onChange={(e) => setDecision(e.target.value as typeof decision)}
      >
        <option value="confirm">{t('remit.decision.confirm')}</option>
        <option value="correct">{t('remit.decision.correct')}</option>
      </SelectField>
      {decision === 'correct' ? (
        <TextField
          id={`amount-${d.id}`}
          label={t('remit.corrected')}
          inputMode="decimal"
          dir="ltr"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={fieldError(answer.error, 'correctedUsdMinor')}
        />
      ) : null}
      <TextField
        id={`answerText-${d.id}`}
        label={t('remit.answerText')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={fieldError(answer.error, 'text')}
      />
      <button type="submit" className="btn btn--primary" disabled={answer.isPending}>
        {t('remit.answerSave')}
      </button>
    </form>
  );
}

/** Staff close a dispute the bank leaves unanswered, or one escalated to them, with a note both sides read. */
export function Resolve({ d }: { d: Dispute }) {
  const { t } = useTranslation();
  return (
    <TextAction
      id={`resolveText-${d.id}`}
      summary={t('remit.resolve')}
      label={t('remit.resolveText')}
      button={t('remit.resolveSave')}
      invalidate={['remittances']}
      send={(text) =>
        unwrap(
          api.POST('/api/v1/remittances/disputes/{id}/resolve', {
            params: { path: { id: d.id } },
            body: { text },
          }),
        )
      }
    />
  );
}

/** The bank confirmed its figure and the freelancer still disagrees: they ask staff to look. */
export function Escalate({ d }: { d: Dispute }) {
  const { t } = useTranslation();
  return (
    <TextAction
      id={`escalateText-${d.id}`}
      summary={t('remit.escalate')}
      label={t('remit.escalateText')}
      button={t('remit.escalateSave')}
      invalidate={['remittances']}
      send={(text) =>
        unwrap(
          api.POST('/api/v1/remittances/disputes/{id}/escalate', {
            params: { path: { id: d.id } },
            body: { text },
          }),
        )
      }
    />
  );
}
