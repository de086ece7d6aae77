import Link from "next/link";
import { forbidden } from "next/navigation";
import { zh } from "@/lib/i18n/zh-CN";
import { ROLE_LABEL, type RoleName } from "@/lib/permissions";

// A page refusing the user: HTTP 403 with app/(app)/forbidden.tsx, which words the refusal for the
// user's role (and offers the way back to the project the path names). Rendering it ends the page.
export function Forbidden(_props: { projectId?: number }): never {
  forbidden();
}

// The breadcrumb back to a project.
export function BackToProject({ id, name }: { id: number; name: string }) {
  return (
    <p className="text-sm text-slate-500">
      <Link href={`/projects/${id}`} className="hover:underline">
        {name}
      </Link>
    </p>
  );
}

// The refusal itself, for app/(app)/forbidden.tsx and app/forbidden.tsx: what this role may do and
// where to go instead. Each role is told only about itself (a viewer hears nothing of county officers).
export function RoleRefusal({ role, path }: { role: RoleName | null; path: string }) {
  const project = /^\/projects\/(\d+)(\/|$)/.exec(path)?.[1];
  const { text, back } = refusalFor(role, project);
  return (
    <div className="mt-8 rounded border border-red-200 bg-red-50 p-6 text-red-800" data-testid="forbidden" role="alert">
      <h1 className="font-semibold">{zh.errors.forbidden}</h1>
      <p className="mt-1 text-sm">{text}</p>
      <Link href={back.href} className="mt-3 inline-block text-sky-800 underline">
        {back.label}
      </Link>
    </div>
  );
}

function refusalFor(role: RoleName | null, project: string | undefined): { text: string; back: { href: string; label: string } } {
  const toProject = project ? { href: `/projects/${project}`, label: "返回项目" } : null;
  switch (role) {
    case "VIEWER":
      return {
        text: `您是${ROLE_LABEL.VIEWER}：可以查看规划、项目和汇总，不能填报、修改或审核。如需这些权限，请联系系统管理员。`,
        back: toProject ?? { href: "/plans", label: "返回规划列表" },
      };
    case "FINANCE_REVIEWER":
      return {
        text: `您是${ROLE_LABEL.FINANCE_REVIEWER}：可以审核报告、下达年度计划、查看汇总和导出；此页面的操作由规划办办理，如需办理请联系规划办。`,
        back: toProject ?? { href: "/plans", label: "返回规划列表" },
      };
    case "COUNTY_OFFICER":
      return project
        ? { text: `${ROLE_LABEL.COUNTY_OFFICER}只能修改本单位的项目；如需修改请联系规划办。`, back: toProject! }
        : { text: `此页面由规划办使用；${ROLE_LABEL.COUNTY_OFFICER}请在“我的项目”中填报本单位的项目。`, back: { href: "/desk", label: "返回我的项目" } };
    default:
      return { text: "您的账号没有此页面的权限；如有疑问请联系系统管理员。", back: toProject ?? { href: "/", label: "返回首页" } };
  }
}
