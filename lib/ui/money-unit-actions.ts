"use server";
import { cookies } from "next/headers";
import { MONEY_COOKIE, MONEY_COOKIE_MAX_AGE_S } from "@/lib/money-unit-choice";

// The page-wide switch pressed before the page's script has loaded (components/money-unit-switch.tsx):
// a plain form post that sets the same cookie the script would; Next then renders the page in that unit.
export async function chooseMoneyUnitAction(form: FormData): Promise<void> {
  const unit = form.get("unit");
  if (unit !== "yi" && unit !== "wan") return;
  (await cookies()).set(MONEY_COOKIE, unit, { path: "/", maxAge: MONEY_COOKIE_MAX_AGE_S, sameSite: "lax" });
}
