"use client";
import dynamic from "next/dynamic";

// The charts draw in the browser only: they size themselves to the page, so a server rendering
// would be an empty frame that still costs a chart set-up per request.
const frame = (height: number) =>
  function ChartFrame() {
    return <div className="rounded bg-white shadow-sm" style={{ height }} />;
  };

export const UnitChart = dynamic(() => import("./unit-chart").then((m) => m.UnitChart), { ssr: false, loading: frame(400) });
export const TrendChart = dynamic(() => import("./trend-chart").then((m) => m.TrendChart), { ssr: false, loading: frame(360) });
