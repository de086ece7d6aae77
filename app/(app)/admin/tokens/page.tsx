import { formatDateTime } from "@/lib/dates";
import { zhFinance } from "@/lib/i18n/zh-CN-finance";
import { listTokens } from "@/lib/server/api-tokens/list-tokens";
import { requireUser } from "@/lib/server/auth/current-user";
import { orForbidden } from "@/lib/ui/or-forbidden";
import { IssueTokenForm, RevokeButton } from "./token-forms";

const t = zhFinance.tokens;
const when = (d: Date | null) => (d ? formatDateTime(d) : "—");

export default async function TokensPage() {
  const tokens = await orForbidden(listTokens(await requireUser(), {}));
  if (!tokens.ok) return tokens.page;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">{t.title}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {t.intro} <a href="/api/v1/openapi.json" className="text-sky-700 hover:underline">openapi.json</a>
      </p>
      <IssueTokenForm />
      {tokens.data.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">{t.none}</p>
      ) : (
        <table className="mt-4 w-full bg-white text-sm shadow-sm" data-testid="tokens-table">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t.name}</th>
              <th className="px-3 py-2">{t.prefix}</th>
              <th className="px-3 py-2">{t.issuer}</th>
              <th className="px-3 py-2">{t.createdAt}</th>
              <th className="px-3 py-2">{t.lastUsedAt}</th>
              <th className="px-3 py-2">{t.status}</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((k) => (
              <tr key={k.id} className="border-t">
                <td className="px-3 py-2">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{k.prefix}…</td>
                <td className="px-3 py-2">{k.user.displayName}</td>
                <td className="px-3 py-2 whitespace-nowrap">{when(k.createdAt)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{k.lastUsedAt ? when(k.lastUsedAt) : t.never}</td>
                <td className="px-3 py-2">{k.revokedAt ? <span className="text-red-700">{t.revoked}（{when(k.revokedAt)}）</span> : t.active}</td>
                <td className="px-3 py-2 text-right">{!k.revokedAt && <RevokeButton id={k.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
