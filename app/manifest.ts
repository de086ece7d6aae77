import type { MetadataRoute } from "next";
import { withBase } from "@/lib/base-path";
import { zh } from "@/lib/i18n/zh-CN";

// The web app manifest (/manifest.webmanifest): "add to home screen" on an officer's phone gets the
// app's name and icon. The PNGs in public/icons/ (and app/apple-icon.png, app/favicon.ico) are
// renders of app/icon.svg; the maskable one is full bleed, for launchers that cut their own shape.
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: zh.app.name,
    short_name: "项目台账",
    description: zh.app.tagline,
    lang: "zh-CN",
    start_url: withBase("/"),
    scope: withBase("/"),
    display: "standalone",
    theme_color: "#0369a1", // sky-700, the icon's background
    background_color: "#f8fafc", // slate-50, the page background
    icons: [
      { src: withBase("/icons/icon-192.png"), sizes: "192x192", type: "image/png", purpose: "any" },
      { src: withBase("/icons/icon-512.png"), sizes: "512x512", type: "image/png", purpose: "any" },
      { src: withBase("/icons/icon-maskable-512.png"), sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
