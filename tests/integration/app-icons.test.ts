import fs from "node:fs";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import manifest from "@/app/manifest";
import { config } from "@/proxy";

// The home-screen icon and manifest (issue #11): the files exist with the sizes they claim, and
// signed-out visitors (the login page, a phone adding the app) can fetch them.
const pngSize = (file: string) => {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(1, 4).toString()).toBe("PNG");
  return `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)}`;
};

describe("app icons and web manifest", () => {
  it("the manifest names the app, starts at / standalone, and lists icons that exist in their sizes", () => {
    const m = manifest();
    expect(m).toMatchObject({ name: "规划项目投资台账", short_name: "项目台账", start_url: "/", display: "standalone", theme_color: "#0369a1" });
    expect(m.background_color).toMatch(/^#[0-9a-f]{6}$/);
    expect(m.icons!.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(m.icons!.some((i) => i.purpose === "maskable")).toBe(true);
    for (const icon of m.icons!) expect(pngSize(path.join("public", icon.src))).toBe(icon.sizes);
  });

  it("the tab icon, apple-touch-icon and favicon follow Next's file conventions", () => {
    expect(fs.readFileSync("app/icon.svg", "utf8")).toMatch(/^<svg [^>]*viewBox="0 0 512 512"/);
    expect(pngSize("app/apple-icon.png")).toBe("180x180");
    const ico = fs.readFileSync("app/favicon.ico");
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // an icon resource
    expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(2);
  });

  it("the sign-in redirect (proxy.ts) leaves the icons and the manifest alone, but not the pages", () => {
    for (const url of ["/favicon.ico", "/icon.svg?3f2a", "/apple-icon.png?9b1c", "/manifest.webmanifest", "/icons/icon-192.png"]) {
      expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(false);
    }
    for (const url of ["/", "/plans", "/projects/1"]) expect(unstable_doesMiddlewareMatch({ config, url }), url).toBe(true);
  });
});
