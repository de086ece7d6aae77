"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// The phone's menu: a native <details> (opens without script), closed again when a link in it has
// taken the reader to another page (the layout stays mounted, so it would otherwise stay open over
// the new page).
export function MobileMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="shrink-0 text-sm md:hidden" data-testid="mobile-menu">
      <summary className="cursor-pointer rounded px-2 py-1 whitespace-nowrap ring-1 ring-sky-700 select-none">菜单</summary>
      {children}
    </details>
  );
}
