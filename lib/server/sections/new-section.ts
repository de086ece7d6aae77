import "server-only";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { zhPlans } from "@/lib/i18n/zh-CN-plans";
import { sectionName } from "@/lib/sections";
import { recordAudit } from "@/lib/server/audit/record-audit";
import { nextId } from "@/lib/server/plans/next-id";

// Creating a 专栏 or category, for the settings page (create-section.ts) and for an import that names
// a category the plan does not have yet (commit-import.ts). Titles and numbers are unique within a
// plan by this rule (imports match categories by them); creations in one plan take turns.
type Tx = Prisma.TransactionClient;
const E = zhPlans.errors;
const SECTION_LOCK = 7_301; // advisory-lock namespace: section creation, per plan

export async function lockSections(tx: Tx, planId: number) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SECTION_LOCK}::int, ${planId}::int)`;
}

// The plan's section with this title (or number), if any besides `exceptId`.
export async function sectionClash(tx: Tx, planId: number, s: { number: string | null; title: string }, exceptId?: number) {
  const others = await tx.section.findMany({ where: { planId, ...(exceptId && { id: { not: exceptId } }) }, select: { id: true, number: true, title: true } });
  const byTitle = others.find((o) => o.title === s.title);
  if (byTitle) return { field: "title", message: E.sectionExists(sectionName(byTitle)), section: byTitle };
  const byNumber = s.number ? others.find((o) => o.number === s.number) : undefined;
  if (byNumber) return { field: "number", message: E.numberExists(s.number!), section: byNumber };
  return null;
}

export async function assertSectionFree(tx: Tx, planId: number, s: { number: string | null; title: string }, exceptId?: number) {
  const clash = await sectionClash(tx, planId, s, exceptId);
  if (clash) throw new AppError("VALIDATION", clash.message, { [clash.field]: [clash.message] });
}

// Inserts at the end of the plan's list and audits section.create. Call lockSections first.
export async function insertSection(
  tx: Tx,
  s: { planId: number; kind: "CATEGORY" | "COLUMN"; number: string | null; title: string; locator: string; actorId: number; reason?: string },
) {
  const { _max } = await tx.section.aggregate({ where: { planId: s.planId }, _max: { sortOrder: true } });
  const id = await nextId(tx, "Section");
  const section = await tx.section.create({
    data: { id, planId: s.planId, key: `sec-${id}`, kind: s.kind, number: s.number, title: s.title, locator: s.locator, sortOrder: (_max.sortOrder ?? -1) + 1 },
  });
  await recordAudit(tx, {
    actorId: s.actorId,
    action: "section.create",
    entityType: "Section",
    entityId: section.id,
    planId: s.planId,
    entityVersion: section.version,
    changes: [
      { field: "kind", old: null, new: section.kind },
      ...(section.number ? [{ field: "number", old: null, new: section.number }] : []),
      { field: "title", old: null, new: section.title },
    ],
    reason: s.reason,
  });
  return section;
}

// The categories an import names that the plan lacked at its preview: created now (audited), or the
// one created meanwhile under that title. Returns their ids by title.
export async function ensureCategories(tx: Tx, planId: number, titles: string[], actorId: number, source: string): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (titles.length === 0) return ids;
  await lockSections(tx, planId);
  for (const title of titles) {
    const clash = await sectionClash(tx, planId, { number: null, title });
    const id =
      clash?.field === "title"
        ? clash.section.id
        : (await insertSection(tx, { planId, kind: "CATEGORY", number: null, title, locator: source, actorId, reason: source })).id;
    ids.set(title, id);
  }
  return ids;
}
