import "server-only";
import fs from "node:fs";
import { Decimal } from "decimal.js";
import sharp from "sharp";
import { AppError } from "@/lib/errors";
import { xmlText } from "./xml-text";

// Charts for documents (the 评估报告): a horizontal bar chart drawn as SVG on the server and rendered
// to PNG by sharp (libvips with librsvg, prebuilt binaries from npm; no browser, no canvas). Chinese
// labels need a CJK font that fontconfig finds: Debian's fonts-noto-cjk. Without it the report is
// refused with a message naming the package (a silent fallback would print empty boxes).
// (resvg was tried first: with this 19 MB font collection it took ~50 ms per text element, 2 s a chart.)
export const CJK_FONT_PACKAGE = "fonts-noto-cjk";
export const CJK_FONT_FILE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const FAMILY = "Noto Sans CJK SC";

export function assertChartFont(file = CJK_FONT_FILE): void {
  // A system file, not one of the app's: the build need not trace the project for it (Turbopack warned).
  if (fs.existsSync(/*turbopackIgnore: true*/ file)) return;
  console.error(`[chart] CJK font missing: ${file}. Install the Debian package ${CJK_FONT_PACKAGE} (apt-get install -y ${CJK_FONT_PACKAGE}).`);
  throw new AppError("UNAVAILABLE", `服务器缺少中文字体（Debian 软件包 ${CJK_FONT_PACKAGE}），暂时无法生成含图表的报告，请联系管理员安装。`);
}

// One row per category (a unit, a status), one bar per series; `value` sizes the bar (null: no bar),
// `text` is printed after it exactly as the tables show the figure.
export type BarChart = {
  title: string;
  series: { name: string; color: string }[];
  rows: { label: string; bars: { value: Decimal | null; text: string; color?: string }[] }[];
};

const WIDTH = 1000;
const LABEL_W = 190;
const TEXT_W = 150;
const BAR_H = 24;
const GAP = 14;
const TOP = 70;

const esc = (s: string) => xmlText(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function barChartSvg(chart: BarChart): { svg: string; width: number; height: number } {
  const rowH = chart.series.length * BAR_H + GAP;
  const height = TOP + chart.rows.length * rowH + 20;
  const max = chart.rows.flatMap((r) => r.bars.map((b) => b.value)).reduce<Decimal>((m, v) => (v !== null && v.gt(m) ? v : m), new Decimal(0));
  const span = WIDTH - LABEL_W - TEXT_W - 20;
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="30" font-size="24" font-weight="bold" text-anchor="middle" fill="#1e293b">${esc(chart.title)}</text>`,
  ];
  if (chart.series.length > 1)
    chart.series.forEach((s, i) => {
      const x = LABEL_W + i * 200;
      parts.push(
        `<rect x="${x}" y="44" width="18" height="14" fill="${s.color}"/>`,
        `<text x="${x + 24}" y="57" font-size="17" fill="#334155">${esc(s.name)}</text>`,
      );
    });
  parts.push(`<line x1="${LABEL_W}" y1="${TOP - 6}" x2="${LABEL_W}" y2="${height - 14}" stroke="#94a3b8" stroke-width="1"/>`);
  chart.rows.forEach((row, r) => {
    const y0 = TOP + r * rowH;
    parts.push(
      `<text x="${LABEL_W - 10}" y="${y0 + (chart.series.length * BAR_H) / 2 + 6}" font-size="18" text-anchor="end" fill="#1e293b">${esc(row.label)}</text>`,
    );
    row.bars.forEach((bar, i) => {
      const y = y0 + i * BAR_H;
      // Geometry only: pixels from the exact ratio; the printed text is the exact figure.
      const w = bar.value === null || max.isZero() ? 0 : Math.max(bar.value.div(max).mul(span).toNumber(), bar.value.isZero() ? 0 : 1);
      if (w > 0) parts.push(`<rect x="${LABEL_W}" y="${y + 2}" width="${w.toFixed(1)}" height="${BAR_H - 4}" fill="${bar.color ?? chart.series[i].color}"/>`);
      parts.push(`<text x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + BAR_H - 5}" font-size="16" fill="#334155">${esc(bar.text)}</text>`);
    });
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FAMILY}">${parts.join("")}</svg>`;
  return { svg, width: WIDTH, height };
}

/** The chart as PNG at twice its size (sharp in print), with its size in CSS pixels for placing it. */
export async function renderBarChart(chart: BarChart): Promise<{ png: Buffer; width: number; height: number }> {
  assertChartFont();
  const { svg, width, height } = barChartSvg(chart);
  // 72 dpi is the SVG's own size; 144 renders it at twice that.
  const png = await sharp(Buffer.from(svg), { density: 144 }).png().toBuffer();
  return { png, width, height };
}
