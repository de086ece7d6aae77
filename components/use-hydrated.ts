import { useSyncExternalStore } from "react";

// False in the server's HTML and until React has hydrated the page, then true. A submit button that
// needs the page's script stays disabled until then: a press before it would be a plain form post
// that reloads the page and drops what was typed (a slow phone connection, a first visit).
const subscribe = () => () => {};
export const useHydrated = () =>
  useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
