import "@fontsource-variable/noto-sans-sc";
import "./globals.css";
import type { Metadata } from "next";
import { zh } from "@/lib/i18n/zh-CN";

export const metadata: Metadata = { title: zh.app.name, description: zh.app.tagline };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
