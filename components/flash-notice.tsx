"use client";
import { useEffect, useState } from "react";

const KEY = "flash-notice";

// A confirmation that survives one navigation: a form that saves and then moves to another page
// (the report form after 保存并提交审核) leaves its message here; the page it lands on shows it once.
export function setFlash(message: string) {
  try {
    sessionStorage.setItem(KEY, message);
  } catch {
    // storage refused (private mode): the page shows the new state anyway
  }
}

export function FlashNotice() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    try {
      const m = sessionStorage.getItem(KEY);
      if (m) {
        sessionStorage.removeItem(KEY);
        // eslint-disable-next-line react-hooks/set-state-in-effect -- read once from storage after mount (not available on the server)
        setMessage(m);
      }
    } catch {
      // no storage: nothing to show
    }
  }, []);
  return (
    <div role="status" aria-live="polite">
      {message && (
        <p className="mt-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="flash-notice">
          ✓ {message}
        </p>
      )}
    </div>
  );
}
