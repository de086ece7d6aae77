import type { ChangeSince } from "@/lib/server/audit/changes-since";
import { formatDateTime } from "@/lib/dates";
import { fieldLabel } from "@/lib/i18n/field-labels";

// What others changed while this form was open (shown when a stale save is refused).
export function ConflictNotice({ message, changes }: { message: string; changes: ChangeSince[] }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="conflict">
      <p className="font-medium">{message}</p>
      <ul className="mt-2 space-y-1">
        {changes.map((c, i) => (
          <li key={i}>
            {formatDateTime(c.at)} · {c.actor ?? "系统"}：
            {c.changes.map((f) => `${fieldLabel(f.field)} ${f.old ?? "（空）"} → ${f.new ?? "（空）"}`).join("；")}
          </li>
        ))}
      </ul>
    </div>
  );
}

// A form's refusal: what changed meanwhile for a conflict, else the message.
export function FormFailure({ failure }: { failure: { message: string; conflict?: ChangeSince[] } | null }) {
  if (!failure) return null;
  if (failure.conflict) return <ConflictNotice message={failure.message} changes={failure.conflict} />;
  return (
    <p className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="form-error">
      {failure.message}
    </p>
  );
}
