import { useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { ErrorNote } from '../../components/feedback';

/**
 * The shell every create form of the network page shares: a titled card that is also the form's
 * accessible name, the server's error next to the fields, a success note, and one wide submit button.
 * Editing any field clears the last outcome (`onEdit`), so a stale "Added" never sits under new input.
 */
export function FormCard({
  title,
  submitLabel,
  busyLabel,
  loading,
  disabled,
  error,
  success,
  onSubmit,
  onEdit,
  children,
}: {
  title: string;
  submitLabel: string;
  busyLabel: string;
  loading: boolean;
  disabled?: boolean;
  error?: unknown;
  success?: ReactNode;
  onSubmit(): void | Promise<void>;
  onEdit?(): void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit();
  };
  return (
    <form className="card form" onSubmit={submit} aria-label={title} onChange={onEdit}>
      <h2>{title}</h2>
      {children}
      {error ? <ErrorNote error={error} /> : null}
      {success ? (
        <div className="note ok" role="status">
          {success}
        </div>
      ) : null}
      <button className="button primary wide" type="submit" disabled={loading || disabled}>
        {loading ? busyLabel : submitLabel}
      </button>
    </form>
  );
}

/**
 * Text fields of a form kept in one state object: `bind(key)` gives an input its name, value and
 * onChange; `clear()` empties the form after a successful create.
 */
export function useFields<T extends Record<string, string>>(initial: T) {
  const [values, setValues] = useState(initial);
  const bind = (key: keyof T & string) => ({
    name: key,
    value: values[key],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((prev) => ({ ...prev, [key]: event.target.value })),
  });
  return { values, bind, clear: () => setValues(initial) };
}
