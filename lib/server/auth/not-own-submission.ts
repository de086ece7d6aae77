import "server-only";
import { AppError } from "@/lib/errors";
import type { SessionUser } from "./current-user";

// Four eyes: a reviewer never decides a report, proposal or request they submitted themselves.
export function assertNotOwnSubmission(actor: SessionUser, submittedById: number | null, what: string) {
  if (submittedById !== null && submittedById === actor.id) throw new AppError("FORBIDDEN", `不能审核自己提交的${what}，请由其他审核人审核。`);
}
