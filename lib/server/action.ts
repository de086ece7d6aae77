import "server-only";
import { revalidatePath } from "next/cache";
import { requireActionUser } from "./auth/current-user";
import type { Operation } from "./operation";
import { runAction } from "./run-action";

// A server action's body: the signed-in user runs the operation; the result is the shape forms read
// (ActionResult: data, or a message with field errors); pages showing data re-render after a change.
export async function actionOf<R>(op: Operation<R>, input: unknown) {
  const result = await runAction(async () => op(await requireActionUser(), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
