import { zh } from "@/lib/i18n/zh-CN";

export const filterInputClass = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm";

type Option = { value: string | number; label: string };

// A labelled <select> of a GET filter form, with "全部" first.
export function FilterSelect({
  label,
  name,
  value,
  options,
  disabled,
}: {
  label: string;
  name: string;
  value: string | number | undefined;
  options: Option[];
  disabled?: boolean;
}) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={value ?? ""} className={filterInputClass} disabled={disabled}>
        <option value="">{zh.project.all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const STATUS_OPTIONS: Option[] = Object.entries(zh.status).map(([value, label]) => ({ value, label }));
