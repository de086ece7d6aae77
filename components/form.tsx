import { useId, type ReactElement, type ReactNode } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import { FormFailure } from "@/components/conflict-notice";
import type { ChangeSince } from "@/lib/server/audit/changes-since";

export const inputClass =
  "mt-1 block w-full rounded border border-slate-500 px-3 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600 aria-[invalid=true]:border-red-600";

// What a form control gets from its Field: its id (the label's htmlFor), whether it is invalid, and
// the ids of its hint and error (read out after the label), and whether it is required.
export type ControlProps = {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-required"?: true;
};

// The ids and ARIA attributes linking a control (or a fieldset) to its hint and error message.
export function useFieldIds({ error, hint, required }: { error?: string; hint?: boolean; required?: boolean }) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  const control: ControlProps = {
    id,
    ...(error ? { "aria-invalid": true as const } : {}),
    ...(describedBy ? { "aria-describedby": describedBy } : {}),
    ...(required ? { "aria-required": true as const } : {}),
  };
  return { id, errorId, hintId, control };
}

// A visible mark for a required field; screen readers hear "必填" from aria-required instead.
export function RequiredMark({ required }: { required?: boolean }) {
  if (!required) return null;
  return (
    <span aria-hidden="true" className="ml-0.5 text-red-700">
      *
    </span>
  );
}

// A labelled form field: the label names the control, the hint and the error sit outside the label and
// are linked to the control (aria-describedby), an error marks it aria-invalid, a required field shows
// a * and is aria-required. The control is rendered by `children` with the props it needs:
//   <Field label="姓名" required error={errors.displayName?.message}>
//     {(p) => <input {...register("displayName")} {...p} className={inputClass} />}
//   </Field>
export function Field({
  label,
  error,
  hint,
  required,
  className = "block text-sm",
  children,
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactElement;
}) {
  const { id, errorId, hintId, control } = useFieldIds({ error, hint: hint != null, required });
  return (
    <div className={className}>
      {/* The * sits beside the label, not in it: the label's text stays the field's plain name. */}
      <label htmlFor={id}>{label}</label>
      <RequiredMark required={required} />
      {children(control)}
      {hint != null && (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 block text-xs text-red-700" data-testid="field-error">
      {message}
    </p>
  );
}

// A note for forms with required fields: what the * means.
export function RequiredNote() {
  return (
    <p className="text-xs text-slate-600">
      标 <span className="text-red-700">*</span> 的为必填项。
    </p>
  );
}

export type Failure = { message: string; conflict?: ChangeSince[] } | null;

// A live region: screen readers read out what appears in it. It is always in the page (a region
// added together with its text is not announced), empty until there is something to say.
export function Announce({ children, className = "space-y-2", testId }: { children?: ReactNode; className?: string; testId?: string }) {
  return (
    <div role="status" aria-live="polite" className={className} data-testid={testId}>
      {children}
    </div>
  );
}

// A form's result, announced: the refusal, the conflict or the success message.
export function FormResult({ failure, success, successTestId }: { failure?: Failure; success?: ReactNode; successTestId?: string }) {
  return (
    <Announce>
      <FormFailure failure={failure ?? null} />
      {success ? (
        <p className="rounded bg-green-50 px-3 py-2 text-sm text-green-800" data-testid={successTestId}>
          {success}
        </p>
      ) : null}
    </Announce>
  );
}

// Puts the server's field errors (from lib/schemas/validate.ts) on the form's fields; the first one
// gets the focus, so a keyboard or screen-reader user lands on what to fix.
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors?: Record<string, string[]>) {
  let first = true;
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    setError(field as Path<T>, { message: messages[0] }, { shouldFocus: first });
    first = false;
  }
}
