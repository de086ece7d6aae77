// A label with its definition in a tooltip (hover or keyboard focus), e.g. a rate and its formula.
// Inside a button (a sortable column header) it must not be focusable itself: focusable={false}.
// The tooltip is display:none until shown: a merely invisible one near the right edge still widened
// the page (a sideways scrollbar on the dashboard at 1280 px).
export function Hint({
  label,
  text,
  testId,
  align = "left",
  focusable = true,
}: {
  label: React.ReactNode;
  text: string;
  testId?: string;
  align?: "left" | "right";
  focusable?: boolean;
}) {
  return (
    <span className="group relative inline-flex cursor-help items-center gap-0.5 outline-none" tabIndex={focusable ? 0 : undefined} data-testid={testId}>
      {label}
      <span aria-hidden className="text-[10px] text-slate-600">
        ⓘ
      </span>
      <span
        role="tooltip"
        className={`pointer-events-none absolute top-full hidden ${align === "left" ? "left-0" : "right-0"} z-20 mt-1 w-72 rounded bg-slate-800 px-3 py-2 text-left text-xs leading-relaxed font-normal whitespace-normal text-white shadow-lg group-hover:block group-focus:block`}
      >
        {text}
      </span>
    </span>
  );
}
