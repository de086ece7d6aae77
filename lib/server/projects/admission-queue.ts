import "server-only";
import { db } from "@/lib/db";

// The 入库 queue of the review desk (review-queue.ts): entered projects waiting for admission, oldest
// first, with who entered them; `own` marks the reviewer's own entries (someone else decides them).
export async function admissionQueue(actorId: number) {
  const projects = await db.project.findMany({
    where: { admission: "PROPOSED", deletedAt: null },
    orderBy: { updatedAt: "asc" },
    take: 500,
    include: {
      unit: { select: { name: true } },
      plan: { select: { title: true } },
      section: { select: { number: true, title: true } },
      parent: { select: { id: true, name: true } },
    },
  });
  const users = await db.user.findMany({
    where: { id: { in: projects.flatMap((p) => (p.enteredById ? [p.enteredById] : [])) } },
    select: { id: true, displayName: true },
  });
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  return projects.map((p) => ({ ...p, own: p.enteredById === actorId, enteredBy: p.enteredById ? (name.get(p.enteredById) ?? null) : null }));
}
