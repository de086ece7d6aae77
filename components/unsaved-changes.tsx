"use client";
import { useEffect } from "react";

export const UNSAVED_MESSAGE = "有尚未保存的修改，离开后将丢失。确定离开此页吗？";

const GUARD = "__unsavedGuard";

// While `dirty`, leaving the page asks first (#15.2): a reload, closing the tab or a typed address
// (beforeunload: the browser's own dialog), a link inside the app (a click on any same-origin <a>,
// caught before Next's Link sees it), and the browser's back button (a guard entry is pushed onto the
// history; going back onto it asks, and staying re-arms it; once saved the entry stays, so back then
// takes two presses — dropping it with history.back() would race the save's own navigation). One hook for every form that holds work:
// the report form, the milestone editor, the annual plan form and the fill-in grid.
export function useUnsavedChanges(dirty: boolean, message = UNSAVED_MESSAGE) {
  useEffect(() => {
    if (!dirty) return;
    unsavedForms += 1;
    // Cleared once the user has agreed to leave, so the next step of the same navigation does not ask again.
    let asking = true;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!asking) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const click = (e: MouseEvent) => {
      if (!asking || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin) return; // another site: beforeunload asks
      if (url.pathname === location.pathname && url.search === location.search) return; // an anchor on this page
      if (!window.confirm(message)) {
        e.preventDefault();
        e.stopPropagation();
      } else asking = false;
    };
    // Back: a duplicate of this entry sits on top; leaving it (popstate) is caught before Next's router
    // (capture listeners on the target run first) and asks.
    if (!(history.state as Record<string, unknown> | null)?.[GUARD]) history.pushState({ ...(history.state ?? {}), [GUARD]: true }, "", location.href);
    let leaving = false;
    const popState = (e: PopStateEvent) => {
      if (leaving || !asking || (e.state as Record<string, unknown> | null)?.[GUARD]) return;
      e.stopImmediatePropagation();
      if (window.confirm(message)) {
        leaving = true;
        asking = false;
        history.back();
      } else history.pushState({ ...(history.state ?? {}), [GUARD]: true }, "", location.href);
    };
    window.addEventListener("beforeunload", beforeUnload);
    document.addEventListener("click", click, true);
    window.addEventListener("popstate", popState, true);
    return () => {
      unsavedForms -= 1;
      window.removeEventListener("beforeunload", beforeUnload);
      document.removeEventListener("click", click, true);
      window.removeEventListener("popstate", popState, true);
    };
  }, [dirty, message]);
}

// How many forms on the page hold unsaved work: controls that reload the page's data without a
// navigation (the money-unit switch) ask first too.
let unsavedForms = 0;
export function confirmDiscardUnsaved(message = UNSAVED_MESSAGE): boolean {
  return unsavedForms === 0 || window.confirm(message);
}

// A marker for forms: says there is unsaved work, politely announced.
export function UnsavedMark({ dirty, text = "有未保存的修改" }: { dirty: boolean; text?: string }) {
  return (
    <span aria-live="polite" className="text-sm text-amber-700" data-testid="unsaved-mark">
      {dirty ? `● ${text}` : ""}
    </span>
  );
}
