import Link from "next/link";
import { zh } from "@/lib/i18n/zh-CN";

export default function NotFound() {
  return (
    <div className="mt-10 rounded border bg-white p-6">
      <p>{zh.errors.notFound}</p>
      <Link href="/plans" className="mt-2 inline-block text-sky-700 underline">
        返回规划列表
      </Link>
    </div>
  );
}
