import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/server/auth/current-user";

// Each role's start page: county officers their own projects (我的项目), everyone else the plans.
export default async function Home() {
  const user = await getCurrentUser();
  redirect(user?.role === "COUNTY_OFFICER" ? "/desk" : "/plans");
}
