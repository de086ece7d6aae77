// Redirects signed-out visitors to the login page. A convenience only: every page, server action
// and route handler checks the user itself (lib/server/auth).
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/|_next/|favicon.ico|fonts/).*)"],
};
