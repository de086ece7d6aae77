import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

export const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-3 py-1.5 text-sm focus:border-sky-600 focus:outline-none focus:ring-1 focus:ring-sky-600";

export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return <span className="mt-1 block text-xs text-red-600">{message}</span>;
}

// Puts the server's field errors (from lib/schemas/validate.ts) on the form's fields.
export function applyFieldErrors<T extends FieldValues>(setError: UseFormSetError<T>, fieldErrors?: Record<string, string[]>) {
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) setError(field as Path<T>, { message: messages[0] });
}
