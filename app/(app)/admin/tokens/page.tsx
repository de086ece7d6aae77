import { DataTable } from "@/components/data-table";
import { withBase } from "@/lib/base-path";
import { formatDateTime } from "@/lib/dates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { listTokens } from "@/lib/server/api-tokens/list-tokens";
import { requireUser } from "@/lib/server/auth/current-user";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { IssueTokenForm, RevokeButton } from "./token-forms";
import type { Metadata } from "next";

const t = zhFinance.tokens;
const when = (d: Date | null) => (d ? formatDateTime(d) : "—");

export const metadata: Metadata = { title: t.title };

export default async function TokensPage() {
  const tokens = await orForbidden(listTokens(await requireUser(), {}));
  if (!tokens.ok) return tokens.page;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t.title}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {t.intro}{" "}
        <a href={withBase("/api/v1/openapi.json")} className="text-sky-700 underline">
          openapi.json
        </a>
      </p>
      <IssueTokenForm />
      <div className="mt-4">
        <DataTable
          testId="tokens-table"
          rows={tokens.data}
          rowKey={(k) => k.id}
          empty={t.none}
          columns={[
            { key: "name", header: t.name, cell: (k) => k.name },
            { key: "prefix", header: t.prefix, cell: (k) => <span className="font-mono text-xs">{k.prefix}…</span> },
            { key: "issuer", header: t.issuer, cell: (k) => k.user.displayName },
            { key: "createdAt", header: t.createdAt, nowrap: true, cell: (k) => when(k.createdAt) },
            { key: "lastUsedAt", header: t.lastUsedAt, nowrap: true, cell: (k) => (k.lastUsedAt ? when(k.lastUsedAt) : t.never) },
            {
              key: "status",
              header: t.status,
              cell: (k) =>
                k.revokedAt ? (
                  <span className="text-red-700">
                    {t.revoked}（{when(k.revokedAt)}）
                  </span>
                ) : k.ended ? (
                  <span className="text-amber-800">{t.ended}</span>
                ) : (
                  t.active
                ),
            },
            { key: "revoke", header: "", className: "text-right", cell: (k) => !k.revokedAt && !k.ended && <RevokeButton id={k.id} /> },
          ]}
        />
      </div>
    </>
  );
}
