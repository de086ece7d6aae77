import "@fontsource-variable/noto-sans-sc";
import "./globals.css";
import type { Metadata, Viewport } from "next";
import { zh } from "@/lib/i18n/zh-CN";
import manifest from "./manifest";

// Icons and the manifest link come from the file conventions (app/icon.svg, apple-icon.png,
// favicon.ico, manifest.ts); these name the app as the manifest does.
const app = manifest();
export const metadata: Metadata = {
  // Each page names itself ("项目清单 · 规划项目投资台账"); a page without a title shows the app's name.
  title: { default: zh.app.name, template: `%s · ${zh.app.name}` },
  description: zh.app.tagline,
  applicationName: app.name,
  appleWebApp: { capable: true, title: app.short_name },
};
export const viewport: Viewport = { themeColor: app.theme_color };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
