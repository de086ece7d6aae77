"use client";
import { inputClass, type ControlProps } from "@/components/form";
import { PLAN_DOCUMENT_MAX_BYTES, type PlanDocumentInput } from "@/lib/schemas/plan";

// The plan document picker of the new plan and settings forms: the chosen file goes to the server
// action base64-encoded ({ fileName, content }), where its text is read (lib/server/plans/plan-document.ts).
// `control`: the id and ARIA links from its Field.
export function DocumentInput({
  onChange,
  onTooLarge,
  control,
}: {
  onChange: (doc: PlanDocumentInput | undefined) => void;
  onTooLarge: () => void;
  control?: ControlProps;
}) {
  return (
    <input
      {...control}
      type="file"
      accept=".txt,.docx"
      className={inputClass}
      data-testid="plan-document-input"
      onChange={async (e) => {
        const file = e.target.files?.[0];
        if (!file) return onChange(undefined);
        if (file.size > PLAN_DOCUMENT_MAX_BYTES) return onTooLarge();
        onChange({ fileName: file.name, content: await base64(file) });
      }}
    />
  );
}

function base64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error ?? new Error("read failed"));
    reader.readAsDataURL(file);
  });
}
