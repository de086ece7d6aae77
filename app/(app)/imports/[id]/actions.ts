"use server";
import { actionOf } from "@/lib/server/action";
import { commitImport } from "@/lib/server/imports/commit-import";

// The preview's confirm button (confirm-button.tsx).
export async function commitImportAction(input: unknown) {
  return actionOf(commitImport, input);
}
