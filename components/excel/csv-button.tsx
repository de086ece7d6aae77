import { zhExcel } from "@/lib/i18n/zh-CN-excel";
import { grantOf, type Action } from "@/lib/permissions";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { moneyUnit } from "@/lib/ui/money-unit";
import { DownloadButton } from "./download-button";

// "导出 CSV" for a list screen, shown to roles that may export (and, for admin lists, read the list).
export async function CsvButton({ list, query = "", also }: { list: string; query?: string; also?: Action }) {
  const [user, money] = await Promise.all([getCurrentUser(), moneyUnit()]);
  if (!user || !grantOf(user.role, "export.run") || (also && !grantOf(user.role, also))) return null;
  const qs = new URLSearchParams(query);
  qs.set("money", money);
  return <DownloadButton href={`/api/v1/exports/csv/${list}?${qs}`} label={zhExcel.export.csv} testId={`csv-${list}`} />;
}
