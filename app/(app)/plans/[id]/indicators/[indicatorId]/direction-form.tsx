"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setIndicatorDirectionAction } from "../actions";
import { Announce, inputClass } from "@/components/form";

// The plan office says which way is better where the target's wording does not.
export function DirectionForm({ id, version, direction }: { id: number; version: number; direction: "HIGHER" | "LOWER" | null }) {
  const router = useRouter();
  const [value, setValue] = useState(direction ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const save = async () => {
    const result = await setIndicatorDirectionAction({ id, version, direction: value });
    setMessage(result.ok ? "已保存。" : (result.fieldErrors?.direction?.[0] ?? result.message));
    if (result.ok) router.refresh();
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2" data-testid="direction-form">
      <select value={value} onChange={(e) => setValue(e.target.value as "HIGHER" | "LOWER")} aria-label="方向" className={`${inputClass} mt-0 w-32`}>
        <option value="">未设定</option>
        <option value="HIGHER">越高越好</option>
        <option value="LOWER">越低越好</option>
      </select>
      <button type="button" onClick={save} className="rounded bg-sky-700 px-3 py-1 text-white">
        设定方向
      </button>
      <Announce className="contents">{message && <span>{message}</span>}</Announce>
    </span>
  );
}
