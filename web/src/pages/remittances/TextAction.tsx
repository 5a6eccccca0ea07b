import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';

/**
 * One written step behind a summary line: a freelancer's explanation of a month, their reason to
 * escalate a dispute, staff's note closing one. The text goes to the server as `text`; its errors
 * show under the field; the queries under `invalidate` are read again once it is saved.
 */
export function TextAction({
  id,
  summary,
  label,
  button,
  initial = '',
  send,
  invalidate,
}: {
  id: string;
  summary: string;
  label: string;
  button: string;
  initial?: string;
  send: (text: string) => Promise<unknown>;
  invalidate: readonly string[];
}) {
  const qc = useQueryClient();
  const [text, setText] = useState(initial);
  const save = useMutation({
    mutationFn: () => send(text),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...invalidate] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <details className="remit-explain">
      <summary>{summary}</summary>
      <form onSubmit={submit} noValidate className="remit-answer">
        <FormAlert error={save.error} />
        <TextField
          id={id}
          label={label}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={fieldError(save.error, 'text')}
        />
        <button type="submit" className="btn" disabled={save.isPending}>
          {button}
        </button>
      </form>
    </details>
  );
}
