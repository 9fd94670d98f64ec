import type { ComponentProps, ReactNode } from "react";

const control =
  "block w-full rounded-lg border border-neutral-300 bg-white px-3 py-2 text-sm text-neutral-900 placeholder:text-neutral-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/20 disabled:bg-neutral-100";

interface FieldProps {
  label: ReactNode;
  name: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children?: ReactNode;
  id?: string;
  /** The label is read out but not shown (a control in a table row that its column names). */
  hideLabel?: boolean;
}

/** Label, control, hint and error, wired together for screen readers. */
export function Field({ label, name, error, hint, required, children, id = `f-${name}`, hideLabel }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-neutral-800"}>
        {label}
        {required && <span className="ml-0.5 text-red-600" aria-hidden>*</span>}
      </label>
      {children}
      {hint && !error && <p id={`${id}-hint`} className="text-xs text-neutral-500">{hint}</p>}
      {error && <p id={`${id}-error`} className="text-xs text-red-600" role="alert">{error}</p>}
    </div>
  );
}

type Described = { name: string; error?: string; hint?: ReactNode; id?: string };

function describedBy({ name, error, hint, id = `f-${name}` }: Described) {
  return { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined };
}

export function TextField({ label, required, error, hint, name, id, hideLabel, className = "", ...input }: Omit<FieldProps, "children"> & Omit<ComponentProps<"input">, "name" | "id">) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required} id={id} hideLabel={hideLabel}>
      <input className={`${control} ${className}`} required={required} {...describedBy({ name, error, hint, id })} {...input} />
    </Field>
  );
}

export function TextAreaField({ label, required, error, hint, name, id, className = "", ...input }: Omit<FieldProps, "children"> & Omit<ComponentProps<"textarea">, "name" | "id">) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required} id={id}>
      <textarea className={`${control} min-h-24 ${className}`} required={required} {...describedBy({ name, error, hint, id })} {...input} />
    </Field>
  );
}

/** React key of an uncontrolled select: its defaultValue (see SelectField). */
export function selectKey(defaultValue: ComponentProps<"select">["defaultValue"]): string | undefined {
  return defaultValue === undefined ? undefined : Array.isArray(defaultValue) ? defaultValue.join("\u0000") : String(defaultValue);
}

/**
 * A select with its label. Uncontrolled (defaultValue), it is keyed on its defaultValue: React
 * applies a select's defaultValue only when the element mounts, and after a form action it
 * resets the form to those mount-time defaults, so a form that echoes what was typed back as
 * defaultValue (useActionState) would otherwise lose the choice on every refused submit.
 */
export function SelectField({ label, required, error, hint, name, id, className = "", children, ...input }: Omit<FieldProps, "children"> & Omit<ComponentProps<"select">, "name" | "id">) {
  return (
    <Field label={label} name={name} error={error} hint={hint} required={required} id={id}>
      <select key={selectKey(input.defaultValue)} className={`${control} ${className}`} required={required} {...describedBy({ name, error, hint, id })} {...input}>
        {children}
      </select>
    </Field>
  );
}

export const controlClass = control;
