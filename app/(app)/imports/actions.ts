"use server";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/server/auth/current-user";
import { commitImport } from "@/lib/server/imports/commit-import";
import { runAction } from "@/lib/server/run-action";

export async function commitImportAction(batchId: number) {
  const result = await runAction(async () => commitImport(await requireUser(), { batchId }));
  if (result.ok) revalidatePath(`/imports/${batchId}`);
  return result;
}
