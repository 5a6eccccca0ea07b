import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../components/Field';
import { FormAlert, fieldError } from '../../components/FormAlert';

export type FieldSpec = {
  /** The API's field path, for its error; also the key in the values handed to `send`. */
  path: string;
  label: string;
  kind?: 'text' | 'date' | 'select' | 'checkbox';
  options?: { value: string; label: string }[];
  initial?: string;
  hint?: string;
};

/**
 * A small form over one API call: each field shows the server's problem for its path, the whole
 * form the problem's title; on success it empties and refreshes the `refresh` queries.
 */
export function MiniForm({
  id,
  fields,
  submit,
  send,
  refresh,
  onDone,
}: {
  id: string;
  fields: FieldSpec[];
  submit: string;
  send: (values: Record<string, string>) => Promise<unknown>;
  refresh: readonly unknown[][];
  onDone?: (result: unknown) => void;
}) {
  const qc = useQueryClient();
  const initial = Object.fromEntries(
    fields.map((f) => [f.path, f.initial ?? (f.kind === 'select' ? (f.options?.[0]?.value ?? '') : '')]),
  );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const mutation = useMutation({
    mutationFn: () => send(values),
    onSuccess: (result) => {
      setValues(initial);
      for (const key of refresh) void qc.invalidateQueries({ queryKey: key });
      onDone?.(result);
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const set = (path: string, v: string) => setValues((old) => ({ ...old, [path]: v }));
  return (
    <form className="fund-form" onSubmit={onSubmit} noValidate data-testid={id}>
      <FormAlert error={mutation.error} />
      {fields.map((f) => {
        const fid = `${id}-${f.path.replaceAll('.', '-')}`;
        const error = fieldError(mutation.error, f.path);
        if (f.kind === 'checkbox')
          return (
            <label key={f.path} className="checkbox">
              <input
                type="checkbox"
                id={fid}
                checked={values[f.path] === 'true'}
                onChange={(e) => set(f.path, String(e.target.checked))}
              />{' '}
              {f.label}
            </label>
          );
        if (f.kind === 'select')
          return (
            <SelectField
              key={f.path}
              id={fid}
              label={f.label}
              hint={f.hint}
              error={error}
              value={values[f.path]}
              onChange={(e) => set(f.path, e.target.value)}
            >
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          );
        return (
          <TextField
            key={f.path}
            id={fid}
            label={f.label}
            hint={f.hint}
            error={error}
            type={f.kind === 'date' ? 'date' : 'text'}
            value={values[f.path]}
            onChange={(e) => set(f.path, e.target.value)}
          />
        );
      })}
      <div>
        <button type="submit" className="btn btn--primary" disabled={mutation.isPending}>
          {submit}
        </button>
      </div>
    </form>
  );
}
