import { PALETTE } from "./chart-number";

// Stacked categories must differ by more than hue (WCAG 1.4.1): each category gets its colour (all of
// PALETTE reach 3:1 against white) and one of five textures — solid, diagonal stripes, dots, cross
// hatch, horizontal stripes — so neighbours differ in texture too. The legend draws the same fills.
const TEXTURES = ["solid", "diagonal", "dots", "cross", "horizontal"] as const;

export const patternFill = (prefix: string, i: number) => `url(#${prefix}-${i})`;
export const patternColour = (i: number) => PALETTE[i % PALETTE.length];

// An id usable in url(#…): React's useId may contain characters CSS does not take there.
export const svgId = (id: string) => `p${id.replace(/[^A-Za-z0-9_-]/g, "")}`;

export function PatternDefs({ prefix, count }: { prefix: string; count: number }) {
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => {
        const colour = patternColour(i);
        const texture = TEXTURES[i % TEXTURES.length];
        const rotate = texture === "diagonal" || texture === "cross" ? "rotate(45)" : undefined;
        return (
          <pattern key={i} id={`${prefix}-${i}`} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform={rotate}>
            <rect width={6} height={6} fill={colour} />
            {(texture === "diagonal" || texture === "cross") && <line x1={0} y1={0} x2={0} y2={6} stroke="#fff" strokeWidth={2} />}
            {texture === "cross" && <line x1={0} y1={3} x2={6} y2={3} stroke="#fff" strokeWidth={1.5} />}
            {texture === "horizontal" && <line x1={0} y1={3} x2={6} y2={3} stroke="#fff" strokeWidth={2} />}
            {texture === "dots" && <circle cx={3} cy={3} r={1.3} fill="#fff" />}
          </pattern>
        );
      })}
    </defs>
  );
}
