import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { operation } from "@/lib/server/operation";

// The regions a new plan can be assigned to (the new plan form; a new one can be named there too).
export const regionChoices = operation({
  permission: "plan.manage",
  input: z.object({}).default({}),
  async run() {
    return db.region.findMany({ orderBy: [{ level: "asc" }, { name: "asc" }], select: { id: true, name: true, level: true } });
  },
});
