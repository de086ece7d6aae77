// A label with its definition in a tooltip (hover or keyboard focus), e.g. a rate and its formula.
export function Hint({ label, text, testId }: { label: React.ReactNode; text: string; testId?: string }) {
  return (
    <span className="group relative inline-flex cursor-help items-center gap-0.5 outline-none" tabIndex={0} data-testid={testId}>
      {label}
      <span aria-hidden className="text-[10px] text-slate-400">ⓘ</span>
      <span
        role="tooltip"
        className="pointer-events-none invisible absolute top-full left-0 z-20 mt-1 w-72 rounded bg-slate-800 px-3 py-2 text-left text-xs leading-relaxed font-normal whitespace-normal text-white shadow-lg group-hover:visible group-focus:visible"
      >
        {text}
      </span>
    </span>
  );
}
