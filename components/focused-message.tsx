"use client";
import { useEffect, useRef, type ReactNode } from "react";

// The result of an action that replaced the control the user was on (a decision form that goes away
// once the report is decided): the message takes the focus when it appears, so keyboard users stay
// where the page changed and screen readers read it out, instead of the focus falling to <body>.
export function FocusedMessage({ children, className, testId }: { children: ReactNode; className?: string; testId?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={className} data-testid={testId}>
      {children}
    </p>
  );
}
